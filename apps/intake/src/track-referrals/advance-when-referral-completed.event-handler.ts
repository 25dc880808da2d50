import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReferralCompleted, type EventEnvelope, type ReferralCompletedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { TrackReferralsService } from './track-referrals.service.js';

@Controller()
export class AdvanceWhenReferralCompleted {
  constructor(private readonly tracking: TrackReferralsService) {}

  @OnEvent(ReferralCompleted)
  async markCompletedWhenReferralCompleted(@Payload() event: EventEnvelope<ReferralCompletedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.tracking.advance(ctx.tx, event, 'completed', event.payload.note);
  }
}
