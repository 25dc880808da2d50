import { Injectable } from '@nestjs/common';
import type { RiskLevel } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { TriageFactsRepository } from '../repositories/triage-facts.repository.js';

/**
 * Cases whose first response came late (referral performance, overdue counts)
 * and cases whose first response was recorded, on time or not (SPM complaint
 * handling), each counted once.
 */
@Injectable()
export class CountTriageService {
  constructor(private readonly triage: TriageFactsRepository) {}

  async countOverdue(tx: Transaction, caseId: string, riskLevel: RiskLevel): Promise<void> {
    await this.triage.insertOverdue(tx, caseId, riskLevel);
  }

  /** Many cases' late first responses at once (a rebuild), no case twice. */
  async countOverdues(tx: Transaction, cases: ReadonlyArray<{ caseId: string; riskLevel: RiskLevel }>): Promise<void> {
    await this.triage.insertOverdueMany(tx, cases);
  }

  /** Many cases' first responses at once (a rebuild), no case twice. */
  async countFirstResponses(
    tx: Transaction,
    cases: ReadonlyArray<{ caseId: string; riskLevel: RiskLevel; withinDeadline: boolean }>,
  ): Promise<void> {
    await this.triage.insertFirstResponses(tx, cases);
  }

  async countFirstResponse(tx: Transaction, caseId: string, riskLevel: RiskLevel, withinDeadline: boolean): Promise<void> {
    await this.triage.insertFirstResponse(tx, caseId, riskLevel, withinDeadline);
  }
}
