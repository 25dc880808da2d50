import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { AgencyDirectory, fieldErrorsException } from '@rujukan/platform';
import { ReferralInboxService, SERVICE_NODE_SETTINGS, ServiceRecorder, type ServiceNodeSettings } from '@rujukan/service-node';
import { acceptedReferral, dayAsDate, notInFuture } from '@rujukan/service-node';
import type { HealthActivity, HealthRecord } from '../health-records/health-record.entity.js';
import { HealthRecordRepository } from '../health-records/health-record.repository.js';
import { hospitalReferralProblem } from '../health-records/hospital-referral-rule.js';

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
export class RecordCareService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly records: HealthRecordRepository,
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
    const record = await this.records.insert(tx, {
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
    // Reporting learns the activity and month under intake's pseudonyms; never the notes or the hospital.
    record.serviceRecordId = await this.recorder.record(tx, referral, input.activity, {
      recordId: record.id,
      at: dayAsDate(input.occurredOn),
    });
    if (record.serviceRecordId) await this.records.setServiceRecord(tx, record.id, record.serviceRecordId);
    return record;
  }
}
