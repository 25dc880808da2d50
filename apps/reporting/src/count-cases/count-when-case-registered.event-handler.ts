import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CaseRegistered, type CaseRegisteredV1, type EventEnvelope } from '@rujukan/contracts';
import { EventContext, EventRejected, OnEvent } from '@rujukan/messaging';
import { CountCasesService } from './count-cases.service.js';

@Controller()
export class CountWhenCaseRegistered {
  constructor(private readonly cases: CountCasesService) {}

  @OnEvent(CaseRegistered)
  async countWhenCaseRegistered(@Payload() event: EventEnvelope<CaseRegisteredV1>, @Ctx() ctx: EventContext): Promise<void> {
    if (!event.caseId) throw new EventRejected('case.registered without caseId');
    await this.cases.countCase(ctx.tx, event.caseId, event.source.agency, event.payload);
  }
}
