import { NotFoundException } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import type { CaseRepository } from '../cases/case.repository.js';
import { assertOpenForWork } from '../cases/open-for-work.js';

/** An assessment or a plan is about a victim of the case in the path (404 otherwise), and the case is open for it (409 otherwise). */
export async function assertVictimOfCase(
  tx: Transaction,
  cases: CaseRepository,
  caseId: string,
  victimId: string,
  work: string,
): Promise<void> {
  const caseFile = await cases.find(tx, caseId);
  if (!caseFile || !(await cases.isVictimOf(tx, victimId, caseId))) throw new NotFoundException('no such victim in this case');
  assertOpenForWork(caseFile, work);
}
