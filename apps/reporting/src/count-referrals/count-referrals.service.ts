import { Injectable } from '@nestjs/common';
import { advanceState, REFERRAL_STATE_RANK, type ReferralStatusChangedV1 } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { ReferralFactsRepository } from '../repositories/referral-facts.repository.js';

/** A referral's furthest state (ranked, so arrival order does not matter) and when each state was first reported. */
@Injectable()
export class CountReferralsService {
  constructor(private readonly referrals: ReferralFactsRepository) {}

  async countStatus(tx: Transaction, caseId: string | null, occurredAt: Date, p: ReferralStatusChangedV1): Promise<void> {
    const { referralId, service, status } = p;
    const current = await this.referrals.findForUpdate(tx, referralId);
    if (!current) await this.referrals.insert(tx, { referralId, service, status, caseId });
    else {
      const next = advanceState(REFERRAL_STATE_RANK, current.status, status);
      if (next !== current.status) await this.referrals.updateStatus(tx, referralId, next);
    }
    // When each state was reached (the first report of it wins): referral performance.
    await this.referrals.recordReport(tx, referralId, report(caseId, occurredAt, p));
  }

  /** Many referrals' changes at once (a rebuild), no referral twice: the same rows as `countStatus` for each. */
  async countStatuses(
    tx: Transaction,
    changes: ReadonlyArray<{ caseId: string | null; occurredAt: Date; payload: ReferralStatusChangedV1 }>,
  ): Promise<void> {
    const current = await this.referrals.statusesForUpdate(
      tx,
      changes.map((c) => c.payload.referralId),
    );
    await this.referrals.upsertStatuses(
      tx,
      changes.map(({ caseId, payload: { referralId, service, status } }) => {
        const known = current.get(referralId);
        return { referralId, service, caseId, status: known ? advanceState(REFERRAL_STATE_RANK, known, status) : status };
      }),
    );
    await this.referrals.recordReports(
      tx,
      changes.map((c) => ({ referralId: c.payload.referralId, ...report(c.caseId, c.occurredAt, c.payload) })),
    );
  }
}

function report(caseId: string | null, occurredAt: Date, p: ReferralStatusChangedV1) {
  return {
    state: p.status,
    at: occurredAt,
    agencyId: p.agencyId ?? null,
    // The code; an older intake sends only the legacy category.
    declineReason: p.declineCode ?? p.declineReason ?? null,
    caseId,
  };
}
