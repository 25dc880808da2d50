import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralInboxService, ServiceRecorder } from '@rujukan/service-node';
import type { Admission, DischargeDestination } from '../admissions/admission.entity.js';
import { AdmissionRepository } from '../admissions/admission.repository.js';

@Injectable()
export class DischargeResidentService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly admissions: AdmissionRepository,
    private readonly records: ServiceRecorder,
  ) {}

  /** Discharges a resident, which completes the referral. */
  async discharge(
    tx: Transaction,
    admissionId: string,
    destination: DischargeDestination,
    note: string,
    staff: Principal,
  ): Promise<Admission> {
    const admission = await this.admissions.findLocked(tx, admissionId);
    if (!admission) throw new NotFoundException(`no admission ${admissionId}`);
    if (admission.dischargedAt) throw new ConflictException('already discharged');
    await this.admissions.discharge(tx, admission, destination);
    const referral = await this.referrals.complete(tx, admission.referralId, note, staff, true);
    await this.records.record(tx, referral, 'shelter-discharge', { outcome: destination });
    return admission;
  }
}
