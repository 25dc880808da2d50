import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReferralStatusChanged, type EventEnvelope, type ReferralStatusChangedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { CountReferralsService } from './count-referrals.service.js';

@Controller()
export class CountWhenReferralStatusChanged {
  constructor(private readonly referrals: CountReferralsService) {}

  @OnEvent(ReferralStatusChanged)
  async countWhenReferralStatusChanged(@Payload() event: EventEnvelope<ReferralStatusChangedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.referrals.countStatus(ctx.tx, event.caseId ?? null, new Date(event.occurredAt), event.payload);
  }
}
