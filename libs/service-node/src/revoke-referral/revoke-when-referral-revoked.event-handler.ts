import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReferralRevoked, type EventEnvelope, type ReferralRevokedV1 } from '@rujukan/contracts';
import { EventContext, OnEvent } from '@rujukan/messaging';
import { RevokeReferralService } from './revoke-referral.service.js';

@Controller()
export class RevokeWhenReferralRevoked {
  constructor(private readonly referrals: RevokeReferralService) {}

  @OnEvent(ReferralRevoked)
  async revokeWhenReferralRevoked(@Payload() event: EventEnvelope<ReferralRevokedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.referrals.revoke(ctx.tx, event);
  }
}
