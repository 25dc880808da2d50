import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';
import { ReferralRepository } from '../cases/referral.repository.js';
import { closureRule } from './closure-rule.js';

@Injectable()
export class CloseCaseService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly referrals: ReferralRepository,
  ) {}

  /**
   * Closes a case once every referral is completed, declined or revoked; with
   * referrals still open only a supervisor may, with a reason.
   */
  async close(
    tx: Transaction,
    caseId: string,
    body: { note: string; overrideReason?: string },
    staff: Principal,
  ): Promise<{ id: string; status: 'closed'; openReferrals: number }> {
    const found = await this.cases.lock(tx, caseId);
    if (!found) throw new NotFoundException(`no case ${caseId}`);
    const { openReferrals, overrideReason } = closureRule({
      status: found.status,
      referrals: await this.referrals.ofCase(tx, caseId),
      role: staff.role,
      overrideReason: body.overrideReason,
    });
    await this.cases.update(tx, caseId, {
      status: 'closed',
      closedAt: new Date(),
      closedBy: staff.staffId,
      closureNote: body.note,
      closureOverrideReason: overrideReason,
    });
    return { id: caseId, status: 'closed', openReferrals };
  }
}
