import { NotFoundException } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import type { CaseRepository } from '../cases/case.repository.js';

/** An assessment or a plan is about a victim of the case in the path; 404 otherwise. */
export async function assertVictimOfCase(tx: Transaction, cases: CaseRepository, caseId: string, victimId: string): Promise<void> {
  if (!(await cases.isVictimOf(tx, victimId, caseId))) throw new NotFoundException('no such victim in this case');
}
