import { Injectable } from '@nestjs/common';
import type { ReferralState, ServiceType } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { ReferralFact } from '../projections/facts.entities.js';

const STATE_TIME_COLUMN: Record<ReferralState, string> = {
  requested: 'requested_at',
  accepted: 'accepted_at',
  declined: 'declined_at',
  completed: 'completed_at',
  revoked: 'revoked_at',
};

/** `referral_fact`: one row per referral, its furthest state and when each state was first reported. */
@Injectable()
export class ReferralFactsRepository {
  /** The referral's row, locked until the transaction ends (null: not seen yet). */
  findForUpdate(tx: Transaction, referralId: string): Promise<ReferralFact | null> {
    return tx.manager.getRepository(ReferralFact).findOne({ where: { referralId }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(
    tx: Transaction,
    fact: { referralId: string; service: ServiceType; status: ReferralState; caseId: string | null },
  ): Promise<void> {
    await tx.manager.getRepository(ReferralFact).insert(fact);
  }

  async updateStatus(tx: Transaction, referralId: string, status: ReferralState): Promise<void> {
    await tx.manager.getRepository(ReferralFact).update({ referralId }, { status });
  }

  /** The time a state was reached, the agency, the decline reason and the case: the first report of each wins. */
  async recordReport(
    tx: Transaction,
    referralId: string,
    report: { state: ReferralState; at: Date; agencyId: string | null; declineReason: string | null; caseId: string | null },
  ): Promise<void> {
    const at = STATE_TIME_COLUMN[report.state];
    await tx.manager.query(
      `UPDATE referral_fact SET ${at} = coalesce(${at}, $2), agency_id = coalesce($3, agency_id), decline_reason = coalesce($4, decline_reason),
         case_id = coalesce(case_id, $5) WHERE referral_id = $1`,
      [referralId, report.at, report.agencyId, report.declineReason, report.caseId],
    );
  }
}
