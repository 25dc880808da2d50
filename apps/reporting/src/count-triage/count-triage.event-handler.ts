import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { FirstResponseOverdue, type EventEnvelope, type FirstResponseOverdueV1 } from '@rujukan/contracts';
import { EventContext, EventRejected, OnEvent } from '@rujukan/messaging';

@Controller()
export class CountTriageEventHandler {
  @OnEvent(FirstResponseOverdue)
  async countWhenFirstResponseOverdue(@Payload() event: EventEnvelope<FirstResponseOverdueV1>, @Ctx() ctx: EventContext): Promise<void> {
    if (!event.caseId) throw new EventRejected('case.first-response-overdue without caseId');
    await ctx.tx.manager.query(`INSERT INTO triage_fact (case_id, risk_level) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      event.caseId,
      event.payload.riskLevel,
    ]);
  }
}
