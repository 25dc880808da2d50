import { Injectable } from '@nestjs/common';
import type { RiskLevel } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { TriageFactsRepository } from '../repositories/triage-facts.repository.js';

/** Cases whose first response came late, each counted once (SPM complaint handling, referral performance). */
@Injectable()
export class CountTriageService {
  constructor(private readonly triage: TriageFactsRepository) {}

  async countOverdue(tx: Transaction, caseId: string, riskLevel: RiskLevel): Promise<void> {
    await this.triage.insertOverdue(tx, caseId, riskLevel);
  }
}
