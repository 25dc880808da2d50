import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReferralDeclined, type EventEnvelope, type ReferralDeclinedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { TrackReferralsService } from './track-referrals.service.js';

@Controller()
export class AdvanceWhenReferralDeclined {
  constructor(private readonly tracking: TrackReferralsService) {}

  @OnEvent(ReferralDeclined)
  async markDeclinedWhenReferralDeclined(@Payload() event: EventEnvelope<ReferralDeclinedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.tracking.advance(ctx.tx, event, 'declined', event.payload.reason, event.payload.code);
  }
}
