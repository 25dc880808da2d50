import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReferralRequested, type EventEnvelope, type ReferralRequestedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { ReceiveShelterReferralService } from './receive-referral.service.js';

/** The shelter's own receipt of a referral (`receiving: 'by-node'`): kept, or declined when no room fits her. */
@Controller()
export class ReceiveOrDeclineWhenReferralRequested {
  constructor(private readonly referrals: ReceiveShelterReferralService) {}

  @OnEvent(ReferralRequested)
  async receiveOrDeclineWhenReferralRequested(
    @Payload() event: EventEnvelope<ReferralRequestedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.referrals.receive(ctx.tx, event);
  }
}
