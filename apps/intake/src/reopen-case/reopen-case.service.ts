import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';

/**
 * A closed case reopened by a supervisor with a reason: it takes referrals,
 * assessments, plans and reports again. The closure it undoes is kept (the
 * timeline shows it, then the reopening). A case handed over
 * (closed-referred) is held by the other unit and is not reopened here.
 */
@Injectable()
export class ReopenCaseService {
  constructor(private readonly cases: CaseRepository) {}

  async reopen(tx: Transaction, caseId: string, reason: string, staff: Principal): Promise<{ id: string; status: 'open' }> {
    const found = await this.cases.lock(tx, caseId);
    if (!found) throw new NotFoundException(`no case ${caseId}`);
    if (found.status === 'closed-referred')
      throw new ConflictException(`case ${found.caseNumber} was handed over to another unit (closed-referred): that unit holds it`);
    if (found.status !== 'closed' || !found.closedAt)
      throw new ConflictException(`case ${found.caseNumber} is ${found.status}, not closed`);
    await this.cases.recordReopening(tx, {
      id: randomUUID(),
      caseId,
      closedAt: found.closedAt,
      closedBy: found.closedBy,
      closureNote: found.closureNote,
      reopenedBy: staff.staffId,
      reason,
    });
    await this.cases.update(tx, caseId, { status: 'open', closedAt: null, closedBy: null, closureNote: null, closureOverrideReason: null });
    return { id: caseId, status: 'open' };
  }
}
