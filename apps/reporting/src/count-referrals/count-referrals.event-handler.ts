import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  advanceState,
  REFERRAL_STATE_RANK,
  ReferralStatusChanged,
  type EventEnvelope,
  type ReferralStatusChangedV1,
} from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { ReferralFact } from '../projections/facts.entities.js';

const STATE_TIME_COLUMN: Record<ReferralStatusChangedV1['status'], string> = {
  requested: 'requested_at',
  accepted: 'accepted_at',
  declined: 'declined_at',
  completed: 'completed_at',
  revoked: 'revoked_at',
};

@Controller()
export class CountReferralsEventHandler {
  @OnEvent(ReferralStatusChanged)
  async countWhenReferralStatusChanged(@Payload() event: EventEnvelope<ReferralStatusChangedV1>, @Ctx() ctx: EventContext): Promise<void> {
    const repo = ctx.tx.manager.getRepository(ReferralFact);
    const { referralId, service, status } = event.payload;
    const current = await repo.findOne({ where: { referralId }, lock: { mode: 'pessimistic_write' } });
    if (!current) await repo.insert({ referralId, service, status, caseId: event.caseId ?? null });
    else {
      const next = advanceState(REFERRAL_STATE_RANK, current.status, status);
      if (next !== current.status) await repo.update({ referralId }, { status: next });
    }
    // When each state was reached (the first report of it wins): referral performance.
    const at = STATE_TIME_COLUMN[status];
    await ctx.tx.manager.query(
      `UPDATE referral_fact SET ${at} = coalesce(${at}, $2), agency_id = coalesce($3, agency_id), decline_reason = coalesce($4, decline_reason),
         case_id = coalesce(case_id, $5) WHERE referral_id = $1`,
      [referralId, new Date(event.occurredAt), event.payload.agencyId ?? null, event.payload.declineReason ?? null, event.caseId ?? null],
    );
  }
}
