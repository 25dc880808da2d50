import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { FirstResponseOverdue, type EventEnvelope, type FirstResponseOverdueV1 } from '@rujukan/contracts';
import { EventContext, EventRejected, OnEvent } from '@rujukan/messaging';
import { CountTriageService } from './count-triage.service.js';

@Controller()
export class CountWhenFirstResponseOverdue {
  constructor(private readonly triage: CountTriageService) {}

  @OnEvent(FirstResponseOverdue)
  async countWhenFirstResponseOverdue(@Payload() event: EventEnvelope<FirstResponseOverdueV1>, @Ctx() ctx: EventContext): Promise<void> {
    if (!event.caseId) throw new EventRejected('case.first-response-overdue without caseId');
    await this.triage.countOverdue(ctx.tx, event.caseId, event.payload.riskLevel);
  }
}
