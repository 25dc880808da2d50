import { ConflictException, ForbiddenException } from '@nestjs/common';
import type { ReferralState, ServiceType, StaffRole } from '@rujukan/contracts';
import type { CaseStatus } from '../cases/case.entity.js';

const OPEN: readonly ReferralState[] = ['requested', 'accepted'];

/**
 * A case closes when every referral is completed, declined or revoked; with
 * referrals still open only a supervisor may close it, with a reason (which
 * is recorded). Returns the override reason to record, or null.
 */
export function closureRule(check: {
  status: CaseStatus;
  referrals: ReadonlyArray<{ service: ServiceType; state: ReferralState }>;
  role: StaffRole;
  overrideReason?: string;
}): { openReferrals: number; overrideReason: string | null } {
  if (check.status === 'closed' || check.status === 'closed-referred') throw new ConflictException(`case is ${check.status} already`);
  const open = check.referrals.filter((r) => OPEN.includes(r.state));
  if (!open.length) return { openReferrals: 0, overrideReason: null };
  if (!check.overrideReason) {
    throw new ConflictException(
      `${open.length} referral(s) still open (${open.map((r) => `${r.service}: ${r.state}`).join(', ')}); a supervisor may close with overrideReason`,
    );
  }
  if (check.role !== 'supervisor') throw new ForbiddenException('only a supervisor may close a case with open referrals');
  return { openReferrals: open.length, overrideReason: check.overrideReason };
}
