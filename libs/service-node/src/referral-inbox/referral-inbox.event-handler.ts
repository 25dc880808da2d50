import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  ReferralRequested,
  ReferralRevoked,
  type EventEnvelope,
  type ReferralRequestedV1,
  type ReferralRevokedV1,
} from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { ReferralInboxService } from './referral-inbox.service.js';

@Controller()
export class ReferralInboxEventHandler {
  constructor(private readonly inbox: ReferralInboxService) {}

  @OnEvent(ReferralRequested)
  async receiveWhenReferralRequested(@Payload() event: EventEnvelope<ReferralRequestedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.inbox.receive(ctx.tx, event);
  }

  @OnEvent(ReferralRevoked)
  async revokeWhenReferralRevoked(@Payload() event: EventEnvelope<ReferralRevokedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.inbox.revoke(ctx.tx, event);
  }
}
