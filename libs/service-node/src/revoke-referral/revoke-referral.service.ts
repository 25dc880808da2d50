import { Injectable } from '@nestjs/common';
import { advanceState, REFERRAL_STATE_RANK, type EventEnvelope, type ReferralRevokedV1 } from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { IncomingReferralRepository } from '../referral-inbox/incoming-referral.repository.js';

@Injectable()
export class RevokeReferralService {
  constructor(private readonly referrals: IncomingReferralRepository) {}

  /** The sender revoked it: accepted or requested become revoked; a delivered service stays completed. */
  async revoke(tx: Transaction, event: EventEnvelope<ReferralRevokedV1>): Promise<void> {
    const existing = await this.referrals.find(tx, event.payload.referralId, true);
    if (!existing) {
      // Revocation overtook its request: remember it so the late request stays revoked.
      await this.referrals.insert(tx, {
        referralId: event.payload.referralId,
        fromAgency: event.source.agency,
        state: 'revoked',
        revokeReason: event.payload.reason,
      });
      return;
    }
    if (existing.fromAgency !== event.source.agency) throw new EventRejected('only the sending agency may revoke a referral');
    const state = advanceState(REFERRAL_STATE_RANK, existing.state, 'revoked');
    if (state !== existing.state) {
      await this.referrals.update(tx, existing.referralId, { state, revokeReason: event.payload.reason, updatedAt: new Date() });
    }
  }
}
