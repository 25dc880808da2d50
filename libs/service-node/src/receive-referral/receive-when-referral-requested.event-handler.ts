import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReferralRequested, type EventEnvelope, type ReferralRequestedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { ReceiveReferralService } from './receive-referral.service.js';

/** Keeps every referral as it arrives; a node with its own rule on arrival (`receiving: 'by-node'`) has its own handler instead. */
@Controller()
export class ReceiveWhenReferralRequested {
  constructor(private readonly referrals: ReceiveReferralService) {}

  @OnEvent(ReferralRequested)
  async receiveWhenReferralRequested(@Payload() event: EventEnvelope<ReferralRequestedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.referrals.receive(ctx.tx, event);
  }
}
