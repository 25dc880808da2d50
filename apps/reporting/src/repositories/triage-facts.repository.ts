import { Injectable } from '@nestjs/common';
import type { RiskLevel } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';

/** `triage_fact`: the cases whose first response came late, each once; `first_response_fact`: each case's first response, once. */
@Injectable()
export class TriageFactsRepository {
  async insertOverdue(tx: Transaction, caseId: string, riskLevel: RiskLevel): Promise<void> {
    await tx.manager.query(`INSERT INTO triage_fact (case_id, risk_level) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [caseId, riskLevel]);
  }

  /** The first report wins: a case's first response is recorded once at intake. */
  async insertFirstResponse(tx: Transaction, caseId: string, riskLevel: RiskLevel, withinDeadline: boolean): Promise<void> {
    await tx.manager.query(
      `INSERT INTO first_response_fact (case_id, risk_level, within_deadline) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [caseId, riskLevel, withinDeadline],
    );
  }

  /** Many cases' late first responses in one statement (a rebuild), as `insertOverdue` writes them. */
  async insertOverdueMany(tx: Transaction, rows: ReadonlyArray<{ caseId: string; riskLevel: RiskLevel }>): Promise<void> {
    if (!rows.length) return;
    await tx.manager.query(
      `INSERT INTO triage_fact (case_id, risk_level) SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.caseId), rows.map((r) => r.riskLevel)],
    );
  }

  /** Many cases' first responses in one statement (a rebuild), as `insertFirstResponse` writes them. */
  async insertFirstResponses(
    tx: Transaction,
    rows: ReadonlyArray<{ caseId: string; riskLevel: RiskLevel; withinDeadline: boolean }>,
  ): Promise<void> {
    if (!rows.length) return;
    await tx.manager.query(
      `INSERT INTO first_response_fact (case_id, risk_level, within_deadline) SELECT * FROM unnest($1::uuid[], $2::text[], $3::boolean[])
       ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.caseId), rows.map((r) => r.riskLevel), rows.map((r) => r.withinDeadline)],
    );
  }
}
