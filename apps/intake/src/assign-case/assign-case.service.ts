import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';

/** Who works on a case: its owner, and the staff it is shared with. */
@Injectable()
export class AssignCaseService {
  constructor(private readonly cases: CaseRepository) {}

  /** A supervisor assigns the case to a case worker, who then owns it. */
  async assign(tx: Transaction, caseId: string, staffId: string): Promise<void> {
    if (!(await this.cases.update(tx, caseId, { ownerId: staffId }))) throw new NotFoundException(`no case ${caseId}`);
  }

  /** Lets another staff member see and work on the case. */
  async share(tx: Transaction, caseId: string, staffId: string, staff: Principal): Promise<void> {
    if (!(await this.cases.exists(tx, caseId))) throw new NotFoundException(`no case ${caseId}`);
    await this.cases.share(tx, caseId, staffId, staff.staffId);
  }
}
