import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { ReferralsForStaffQuery } from '@rujukan/service-node';
import type { Transaction } from '@rujukan/messaging';
import { Admission } from '../admissions/admission.entity.js';

/** The shelter's residents, newest first. */
@Injectable()
export class ResidentsQuery {
  constructor(private readonly referrals: ReferralsForStaffQuery) {}

  /** A case worker sees those of the referrals she may work on. */
  async list(tx: Transaction, staff: Principal): Promise<Admission[]> {
    const referralIds = await this.referrals.ids(tx, staff);
    const qb = tx.manager.getRepository(Admission).createQueryBuilder('a').orderBy('a.admittedAt', 'DESC').take(500);
    if (referralIds) qb.where('a.referral_id = ANY(:referralIds)', { referralIds });
    return qb.getMany();
  }
}
