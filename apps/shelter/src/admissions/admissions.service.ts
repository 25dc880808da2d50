import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralInboxService } from '@rujukan/service-node';
import { Admission, DischargeDestination } from './admission.entity.js';

@Injectable()
export class AdmissionsService {
  constructor(private readonly referrals: ReferralInboxService) {}

  /** Admits the victim of an accepted referral (accepting it first if still requested). */
  async admit(tx: Transaction, referralId: string, staff: Principal, safetyPlan?: string): Promise<Admission> {
    const referral = await this.referrals.get(tx, referralId, true);
    if (referral.service !== 'shelter') throw new ConflictException('only a shelter referral can be admitted');
    if (referral.state === 'requested') await this.referrals.accept(tx, referralId, staff);
    else if (referral.state !== 'accepted') throw new ConflictException(`referral is ${referral.state}; only a requested or accepted referral can be admitted`);
    const repo = tx.manager.getRepository(Admission);
    if (await repo.findOneBy({ referralId })) throw new ConflictException('already admitted');
    return repo.save(repo.create({ referralId, safetyPlan: safetyPlan ?? null }));
  }

  /** Discharges a resident, which completes the referral. */
  async discharge(tx: Transaction, admissionId: string, destination: DischargeDestination, note: string, staff: Principal): Promise<Admission> {
    const repo = tx.manager.getRepository(Admission);
    const admission = await repo.findOne({ where: { id: admissionId }, lock: { mode: 'pessimistic_write' } });
    if (!admission) throw new NotFoundException(`no admission ${admissionId}`);
    if (admission.dischargedAt) throw new ConflictException('already discharged');
    admission.dischargedAt = new Date();
    admission.dischargeDestination = destination;
    await repo.save(admission);
    await this.referrals.complete(tx, admission.referralId, note, staff, true);
    return admission;
  }

  /** Residents; a case worker sees those of the referrals she holds. */
  async list(tx: Transaction, staff: Principal): Promise<Admission[]> {
    const qb = tx.manager.getRepository(Admission).createQueryBuilder('a').orderBy('a.admittedAt', 'DESC').take(500);
    if (staff.role === 'case-worker') {
      qb.innerJoin('incoming_referral', 'r', 'r.referral_id = a.referral_id').where('(r.assignee_id IS NULL OR r.assignee_id = :me)', { me: staff.staffId });
    }
    return qb.getMany();
  }
}
