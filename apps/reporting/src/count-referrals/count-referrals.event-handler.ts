import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { advanceState, REFERRAL_STATE_RANK, ReferralStatusChanged, type EventEnvelope, type ReferralStatusChangedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { ReferralFact } from '../projections/facts.entities.js';

@Controller()
export class CountReferralsEventHandler {
  @OnEvent(ReferralStatusChanged)
  async countWhenReferralStatusChanged(@Payload() event: EventEnvelope<ReferralStatusChangedV1>, @Ctx() ctx: EventContext): Promise<void> {
    const repo = ctx.tx.manager.getRepository(ReferralFact);
    const { referralId, service, status } = event.payload;
    const current = await repo.findOne({ where: { referralId }, lock: { mode: 'pessimistic_write' } });
    if (!current) await repo.insert({ referralId, service, status });
    else {
      const next = advanceState(REFERRAL_STATE_RANK, current.status, status);
      if (next !== current.status) await repo.update({ referralId }, { status: next });
    }
  }
}
