import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';
import { RetentionRepository } from '../erasure/retention.repository.js';

export interface CaseLegalHold {
  caseId: string;
  /** The hold's reason; null once lifted. */
  legalHold: string | null;
}

/** A supervisor's legal hold on one case: its retention does not run out while the hold stands. */
@Injectable()
export class RecordLegalHoldService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly retention: RetentionRepository,
  ) {}

  async record(tx: Transaction, caseId: string, reason: string, staff: Principal): Promise<CaseLegalHold> {
    await this.existing(tx, caseId);
    await this.retention.recordHold(tx, caseId, reason, staff.staffId);
    return { caseId, legalHold: reason };
  }

  async lift(tx: Transaction, caseId: string): Promise<CaseLegalHold> {
    await this.existing(tx, caseId);
    if (!(await this.retention.liftHold(tx, caseId))) throw new NotFoundException('this case has no legal hold');
    return { caseId, legalHold: null };
  }

  private async existing(tx: Transaction, caseId: string): Promise<void> {
    if (!(await this.cases.exists(tx, caseId))) throw new NotFoundException('no such case');
  }
}
