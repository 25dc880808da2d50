import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { ReferralState } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { IncomingReferral } from '../referral-inbox/incoming-referral.entity.js';

/**
 * The referrals a staff member may work on: a case worker those she accepted
 * and the ones nobody has yet; a supervisor every one. The only place the
 * rule is written in SQL (`holderOwnership` is the same rule for one record).
 */
@Injectable()
export class ReferralsForStaffQuery {
  /** The agency's referrals she may work on, newest first (by arrival, or by last change), at most 500. */
  list(
    tx: Transaction,
    staff: Principal,
    filter: { state?: ReferralState; newestBy?: 'received' | 'updated' } = {},
  ): Promise<IncomingReferral[]> {
    const qb = tx.manager
      .getRepository(IncomingReferral)
      .createQueryBuilder('r')
      .where('r.service IS NOT NULL')
      .orderBy(filter.newestBy === 'updated' ? 'r.updatedAt' : 'r.receivedAt', 'DESC')
      .take(500);
    if (filter.state) qb.andWhere('r.state = :state', { state: filter.state });
    if (limitedToHers(staff)) qb.andWhere(HERS, { me: staff.staffId });
    return qb.getMany();
  }

  /**
   * The ids of the referrals she may work on, for a node's own lists of what
   * it keeps under them; null when her role sees every referral.
   */
  async ids(tx: Transaction, staff: Principal): Promise<string[] | null> {
    if (!limitedToHers(staff)) return null;
    const rows = await tx.manager
      .getRepository(IncomingReferral)
      .createQueryBuilder('r')
      .select('r.referral_id', 'referral_id')
      .where(HERS, { me: staff.staffId })
      .getRawMany<{ referral_id: string }>();
    return rows.map((r) => r.referral_id);
  }
}

/** The rule, for a referral aliased `r`: accepted by her (`:me`), or by nobody yet. */
const HERS = '(r.assignee_id IS NULL OR r.assignee_id = :me)';

/** A case worker works on her own referrals; other staff on all of them. */
function limitedToHers(staff: Principal): boolean {
  return staff.role === 'case-worker';
}
