import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReferralAccepted, type EventEnvelope, type ReferralRefV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { TrackReferralsService } from './track-referrals.service.js';

@Controller()
export class AdvanceWhenReferralAccepted {
  constructor(private readonly tracking: TrackReferralsService) {}

  @OnEvent(ReferralAccepted)
  async markAcceptedWhenReferralAccepted(@Payload() event: EventEnvelope<ReferralRefV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.tracking.advance(ctx.tx, event, 'accepted');
  }
}
