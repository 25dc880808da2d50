import { Inject, Injectable } from '@nestjs/common';
import {
  advanceState,
  REFERRAL_STATE_RANK,
  referredPersonFor,
  SERVICE_PROVIDERS,
  type EventEnvelope,
  type ReferralRequestedV1,
} from '@rujukan/contracts';
import { EventRejected, MESSAGING_CONFIG, type MessagingConfig, type Transaction } from '@rujukan/messaging';
import type { IncomingReferral } from '../referral-inbox/incoming-referral.entity.js';
import { IncomingReferralRepository } from '../referral-inbox/incoming-referral.repository.js';

@Injectable()
export class ReceiveReferralService {
  constructor(
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly referrals: IncomingReferralRepository,
  ) {}

  /**
   * A referral arrived. A revocation that overtook it keeps it revoked.
   * Returns the referral when it is new here (not a redelivery, nor one a
   * revocation overtook), so a node's own rule can act on it in the same
   * transaction; otherwise null.
   */
  async receive(tx: Transaction, event: EventEnvelope<ReferralRequestedV1>): Promise<IncomingReferral | null> {
    const p = event.payload;
    if (SERVICE_PROVIDERS[p.service] !== this.config.node) {
      throw new EventRejected(`service ${p.service} is not provided by a ${this.config.node} node`);
    }
    if (!event.caseId || !event.victimId) throw new EventRejected('a referral must name its case and victim');
    const existing = await this.referrals.find(tx, p.referralId, true);
    const details = {
      caseId: event.caseId,
      victimId: event.victimId,
      service: p.service,
      fromAgency: event.source.agency,
      // Defence in depth: keep only what this service may hold, whatever was sent.
      person: referredPersonFor(p.service, p.person),
      consentOverrideReason: p.consentOverrideReason ?? null,
      statistics: p.statistics ?? null,
      requestedAt: new Date(event.occurredAt),
    };
    if (!existing) return this.referrals.insert(tx, { referralId: p.referralId, state: 'requested', ...details });
    await this.referrals.update(tx, p.referralId, { ...details, state: advanceState(REFERRAL_STATE_RANK, existing.state, 'requested') });
    return null;
  }
}
