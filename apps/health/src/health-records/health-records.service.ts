import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { AgencyDirectory, fieldErrorsException } from '@rujukan/platform';
import { ReferralInboxService, SERVICE_NODE_SETTINGS, ServiceRecorder, type ServiceNodeSettings } from '@rujukan/service-node';
import { acceptedReferral, dayAsDate, notInFuture } from '@rujukan/service-node';
import { hospitalReferralProblem } from './hospital-referral-rule.js';
import { HealthRecord, type HealthActivity } from './health-record.entity.js';

export const HEALTH_DIRECTORY = Symbol('HEALTH_DIRECTORY');

export interface HealthRecordInput {
  activity: HealthActivity;
  occurredOn: string;
  kind?: string;
  toAgencyId?: string;
  notes?: string;
}

/** Visits, examinations, treatment, hospital referrals and psychological first aid under an accepted health referral. */
@Injectable()
export class HealthRecordsService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
    @Inject(HEALTH_DIRECTORY) private readonly directory: AgencyDirectory,
  ) {}

  /** `dateField`: the request's name for `occurredOn`, for the 400. */
  async record(tx: Transaction, referralId: string, input: HealthRecordInput, staff: Principal, dateField: string): Promise<HealthRecord> {
    notInFuture({ [dateField]: input.occurredOn }, this.settings.timeZone);
    if (input.activity === 'hospital-referral') {
      const problem = hospitalReferralProblem(this.directory, this.settings.agencyId, input.toAgencyId!);
      if (problem) throw fieldErrorsException({ toAgencyId: [problem] });
    }
    const referral = await acceptedReferral(tx, this.referrals, referralId, staff, ['health']);
    const repo = tx.manager.getRepository(HealthRecord);
    const record = repo.create({
      id: randomUUID(),
      referralId,
      activity: input.activity,
      occurredOn: input.occurredOn,
      kind: input.kind ?? null,
      toAgencyId: input.toAgencyId ?? null,
      notes: input.notes ?? null,
      recordedBy: staff.staffId,
      serviceRecordId: null,
    });
    await repo.insert(record);
    // Reporting learns the activity and month under intake's pseudonyms; never the notes or the hospital.
    record.serviceRecordId = await this.recorder.record(tx, referral, input.activity, {
      recordId: record.id,
      at: dayAsDate(input.occurredOn),
    });
    if (record.serviceRecordId) await repo.update({ id: record.id }, { serviceRecordId: record.serviceRecordId });
    return record;
  }

  async list(tx: Transaction, referralId: string): Promise<HealthRecord[]> {
    await this.referrals.get(tx, referralId);
    return tx.manager.getRepository(HealthRecord).find({ where: { referralId }, order: { occurredOn: 'ASC', recordedAt: 'ASC' } });
  }
}
