import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { FirstResponseRecorded, type EventEnvelope, type FirstResponseRecordedV1 } from '@rujukan/contracts';
import { EventContext, EventRejected, OnEvent } from '@rujukan/messaging';
import { CountTriageService } from './count-triage.service.js';

@Controller()
export class CountWhenFirstResponseRecorded {
  constructor(private readonly triage: CountTriageService) {}

  @OnEvent(FirstResponseRecorded)
  async countWhenFirstResponseRecorded(@Payload() event: EventEnvelope<FirstResponseRecordedV1>, @Ctx() ctx: EventContext): Promise<void> {
    if (!event.caseId) throw new EventRejected('case.first-response-recorded without caseId');
    await this.triage.countFirstResponse(ctx.tx, event.caseId, event.payload.riskLevel, event.payload.withinDeadline);
  }
}
