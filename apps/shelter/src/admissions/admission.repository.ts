import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { Admission, type DischargeDestination } from './admission.entity.js';

/** Writes to `admission`. */
@Injectable()
export class AdmissionRepository {
  findByReferral(tx: Transaction, referralId: string): Promise<Admission | null> {
    return tx.manager.getRepository(Admission).findOneBy({ referralId });
  }

  findLocked(tx: Transaction, admissionId: string): Promise<Admission | null> {
    return tx.manager.getRepository(Admission).findOne({ where: { id: admissionId }, lock: { mode: 'pessimistic_write' } });
  }

  admit(tx: Transaction, values: { referralId: string; safetyPlan: string; roomId: string | null }): Promise<Admission> {
    const repo = tx.manager.getRepository(Admission);
    return repo.save(repo.create(values));
  }

  discharge(tx: Transaction, admission: Admission, destination: DischargeDestination): Promise<Admission> {
    admission.dischargedAt = new Date();
    admission.dischargeDestination = destination;
    return tx.manager.getRepository(Admission).save(admission);
  }
}
