import { NotFoundException } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import type { CaseFile } from '../cases/case.entity.js';
import type { CaseRepository } from '../cases/case.repository.js';
import { assertOpenForWork } from '../cases/open-for-work.js';
import type { Victim } from '../cases/victim.entity.js';

/** The open case (locked) and its victim a function record is about: 404, 409 (closed) or 400 naming `victimId`. */
export async function openCaseAndVictim(
  tx: Transaction,
  cases: CaseRepository,
  caseId: string,
  victimId: string,
  work: string,
): Promise<{ caseFile: CaseFile; victim: Victim }> {
  const caseFile = await cases.lock(tx, caseId);
  if (!caseFile) throw new NotFoundException(`no case ${caseId}`);
  assertOpenForWork(caseFile, work);
  const victim = await cases.findVictim(tx, victimId, caseId);
  if (!victim) throw fieldErrorsException({ victimId: ['victimId must be a victim of this case'] });
  return { caseFile, victim };
}
