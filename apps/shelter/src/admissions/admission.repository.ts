import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { ReferralSealedColumns } from '@rujukan/service-node';
import { Admission, SEALED_ADMISSION, type DischargeDestination } from './admission.entity.js';

/** Writes to `admission`; the safety plan is stored sealed with the referral's data key. */
@Injectable()
export class AdmissionRepository {
  constructor(private readonly sealed: ReferralSealedColumns) {}

  findByReferral(tx: Transaction, referralId: string): Promise<Admission | null> {
    return tx.manager.getRepository(Admission).findOneBy({ referralId });
  }

  findLocked(tx: Transaction, admissionId: string): Promise<Admission | null> {
    return tx.manager.getRepository(Admission).findOne({ where: { id: admissionId }, lock: { mode: 'pessimistic_write' } });
  }

  async admit(tx: Transaction, values: { referralId: string; safetyPlan: string; roomId: string | null }): Promise<Admission> {
    const repo = tx.manager.getRepository(Admission);
    const { identifiers } = await repo.insert(await this.sealed.seal(tx.manager, SEALED_ADMISSION, values.referralId, values));
    return repo.findOneByOrFail({ id: identifiers[0].id as string });
  }

  /** Only the discharge's columns are written: the loaded safety plan is in clear, and is never saved back. */
  async discharge(tx: Transaction, admission: Admission, destination: DischargeDestination): Promise<Admission> {
    admission.dischargedAt = new Date();
    admission.dischargeDestination = destination;
    await tx.manager
      .getRepository(Admission)
      .update({ id: admission.id }, { dischargedAt: admission.dischargedAt, dischargeDestination: destination });
    return admission;
  }
}
