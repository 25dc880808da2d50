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
      // An older intake still sends her reporting pseudonyms: never kept beside her name (docs/reporting.md).
      statistics: null,
      requestedAt: new Date(event.occurredAt),
    };
    if (!existing) return this.referrals.insert(tx, { referralId: p.referralId, state: 'requested', ...details });
    // Once a referral is here, a copy under its id cannot redirect the answers or swap the person.
    if (existing.fromAgency !== details.fromAgency) {
      throw new EventRejected(`referral ${p.referralId} came from another agency: a re-sent referral cannot change its sender`);
    }
    if (existing.caseId !== null) {
      if (!sameReferral(existing, details)) {
        throw new EventRejected(
          `referral ${p.referralId} is already here: a re-sent referral cannot change its case, victim, service or person`,
        );
      }
      return null;
    }
    // Only a revocation was here before it (no case yet): the late request fills it in and stays revoked.
    await this.referrals.update(tx, p.referralId, { ...details, state: advanceState(REFERRAL_STATE_RANK, existing.state, 'requested') });
    return null;
  }
}

/** Whether a re-sent referral says what the first one said about whom and what. */
function sameReferral(existing: IncomingReferral, sent: Pick<IncomingReferral, 'caseId' | 'victimId' | 'service' | 'person'>): boolean {
  return (
    existing.caseId === sent.caseId &&
    existing.victimId === sent.victimId &&
    existing.service === sent.service &&
    canonical(existing.person) === canonical(sent.person)
  );
}

/** JSON with keys sorted at every level (jsonb does not keep the order they were written in). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
