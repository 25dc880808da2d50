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
    await this.referrals.recordReport(tx, referralId, {
      state: status,
      at: occurredAt,
      agencyId: p.agencyId ?? null,
      // The code; an older intake sends only the legacy category.
      declineReason: p.declineCode ?? p.declineReason ?? null,
      caseId,
    });
  }
}
