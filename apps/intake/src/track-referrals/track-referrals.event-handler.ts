import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  ReferralAccepted,
  ReferralCompleted,
  ReferralDeclined,
  type EventEnvelope,
  type ReferralCompletedV1,
  type ReferralDeclinedV1,
  type ReferralRefV1,
} from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { TrackReferralsService } from './track-referrals.service.js';

@Controller()
export class TrackReferralsEventHandler {
  constructor(private readonly tracking: TrackReferralsService) {}

  @OnEvent(ReferralAccepted)
  async markAcceptedWhenReferralAccepted(@Payload() event: EventEnvelope<ReferralRefV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.tracking.advance(ctx.tx, event, 'accepted');
  }

  @OnEvent(ReferralDeclined)
  async markDeclinedWhenReferralDeclined(@Payload() event: EventEnvelope<ReferralDeclinedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.tracking.advance(ctx.tx, event, 'declined', event.payload.reason);
  }

  @OnEvent(ReferralCompleted)
  async markCompletedWhenReferralCompleted(@Payload() event: EventEnvelope<ReferralCompletedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.tracking.advance(ctx.tx, event, 'completed', event.payload.note);
  }
}
