import { ConflictException } from '@nestjs/common';
import type { CaseFile } from './case.entity.js';

/**
 * A closed case takes no new work (referrals, assessments, plans, reports):
 * 409 saying why, and what to do instead.
 */
export function assertOpenForWork(caseFile: Pick<CaseFile, 'id' | 'status' | 'caseNumber'>, work: string): void {
  if (caseFile.status === 'closed')
    throw new ConflictException(
      `case ${caseFile.caseNumber} is closed and takes no new ${work}; a supervisor may reopen it with a reason (POST /cases/${caseFile.id}/reopen)`,
    );
  if (caseFile.status === 'closed-referred')
    throw new ConflictException(
      `case ${caseFile.caseNumber} was handed over to another unit (closed-referred) and takes no new ${work} here; the unit that holds it does`,
    );
}
