import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { ReferralsForStaffQuery } from '@rujukan/service-node';
import type { Transaction } from '@rujukan/messaging';
import type { VisumState } from '@rujukan/service-node';
import { VisumRequestOut } from '../visum/visum-request.entity.js';

@Injectable()
export class VisumRequestsQuery {
  constructor(private readonly referrals: ReferralsForStaffQuery) {}

  /** The requests sent, newest first; a case worker sees those of her referrals. */
  async list(tx: Transaction, staff: Principal, state?: VisumState): Promise<VisumRequestOut[]> {
    const referralIds = await this.referrals.ids(tx, staff);
    const qb = tx.manager.getRepository(VisumRequestOut).createQueryBuilder('v').orderBy('v.requestedAt', 'DESC').take(500);
    if (state) qb.andWhere('v.state = :state', { state });
    if (referralIds) qb.andWhere('v.referral_id = ANY(:referralIds)', { referralIds });
    return qb.getMany();
  }
}
