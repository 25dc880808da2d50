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

  /** The statuses of these referrals that have a row, locked until the transaction ends (a rebuild). */
  async statusesForUpdate(tx: Transaction, referralIds: readonly string[]): Promise<Map<string, ReferralState>> {
    const rows = await tx.manager.query<Array<{ referral_id: string; status: ReferralState }>>(
      `SELECT referral_id, status FROM referral_fact WHERE referral_id = ANY($1::uuid[]) FOR UPDATE`,
      [referralIds],
    );
    return new Map(rows.map((r) => [r.referral_id, r.status]));
  }

  /**
   * Many referrals, none twice (a rebuild): a new one's row as `insert` writes
   * it, a known one's status as `updateStatus` sets it.
   */
  async upsertStatuses(
    tx: Transaction,
    facts: ReadonlyArray<{ referralId: string; service: ServiceType; status: ReferralState; caseId: string | null }>,
  ): Promise<void> {
    if (!facts.length) return;
    await tx.manager.query(
      `INSERT INTO referral_fact (referral_id, service, status, case_id) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[])
       ON CONFLICT (referral_id) DO UPDATE SET status = EXCLUDED.status`,
      [facts.map((f) => f.referralId), facts.map((f) => f.service), facts.map((f) => f.status), facts.map((f) => f.caseId)],
    );
  }

  /** `recordReport` for many referrals, none twice, in one statement. */
  async recordReports(
    tx: Transaction,
    reports: ReadonlyArray<{
      referralId: string;
      state: ReferralState;
      at: Date;
      agencyId: string | null;
      declineReason: string | null;
      caseId: string | null;
    }>,
  ): Promise<void> {
    if (!reports.length) return;
    const set = Object.entries(STATE_TIME_COLUMN)
      .map(([state, at]) => `${at} = CASE WHEN r.state = '${state}' THEN coalesce(f.${at}, r.at) ELSE f.${at} END`)
      .join(', ');
    await tx.manager.query(
      `UPDATE referral_fact f SET ${set}, agency_id = coalesce(r.agency_id, f.agency_id), decline_reason = coalesce(r.decline_reason, f.decline_reason),
         case_id = coalesce(f.case_id, r.case_id)
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::uuid[]) AS r(referral_id, state, at, agency_id, decline_reason, case_id)
        WHERE f.referral_id = r.referral_id`,
      [
        reports.map((r) => r.referralId),
        reports.map((r) => r.state),
        reports.map((r) => r.at),
        reports.map((r) => r.agencyId),
        reports.map((r) => r.declineReason),
        reports.map((r) => r.caseId),
      ],
    );
  }
}
