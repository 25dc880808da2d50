import { Injectable } from '@nestjs/common';
import type { RiskLevel } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';

/** `triage_fact`: the cases whose first response came late, each once. */
@Injectable()
export class TriageFactsRepository {
  async insertOverdue(tx: Transaction, caseId: string, riskLevel: RiskLevel): Promise<void> {
    await tx.manager.query(`INSERT INTO triage_fact (case_id, risk_level) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [caseId, riskLevel]);
  }
}
