import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { ServiceActivity } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import {
  ReferralInboxService,
  SERVICE_NODE_SETTINGS,
  ServiceRecorder,
  type IncomingReferral,
  type ServiceNodeSettings,
} from '@rujukan/service-node';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { LEGAL_SERVICES } from '../legal-case/legal-services.js';
import { acceptedReferral, dayAsDate, notInFuture } from '@rujukan/service-node';
import { diversionProblem, restitutionProblem } from '../legal-support/eligibility.js';
import {
  Accompaniment,
  CounselAssignment,
  Diversion,
  RestitutionClaim,
  type AccompanimentKind,
  type DiversionLevel,
  type DiversionResult,
  type RestitutionFiledWith,
} from '../legal-support/legal-support.entities.js';
import { LegalSupportRepository } from '../legal-support/legal-support.repository.js';

/** Counsel, accompaniment, restitution and diversion under an accepted law-enforcement or legal-aid referral; each counts for legal aid. */
@Injectable()
export class RecordLegalSupportService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly rows: LegalSupportRepository,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  assignCounsel(
    tx: Transaction,
    referralId: string,
    body: { counselName: string; organisation?: string; assignedOn: string },
    staff: Principal,
  ) {
    return this.add(tx, referralId, staff, CounselAssignment, 'counsel-assigned', { assignedOn: body.assignedOn }, () => null, {
      counselName: body.counselName,
      organisation: body.organisation ?? null,
      assignedOn: body.assignedOn,
    });
  }

  accompany(
    tx: Transaction,
    referralId: string,
    body: { accompaniedOn: string; kind: AccompanimentKind; notes?: string },
    staff: Principal,
  ) {
    return this.add(tx, referralId, staff, Accompaniment, 'accompaniment', { accompaniedOn: body.accompaniedOn }, () => null, {
      accompaniedOn: body.accompaniedOn,
      kind: body.kind,
      notes: body.notes ?? null,
    });
  }

  claimRestitution(
    tx: Transaction,
    referralId: string,
    body: { filedOn: string; filedWith: RestitutionFiledWith; amountIdr: number; notes?: string },
    staff: Principal,
  ) {
    return this.add(
      tx,
      referralId,
      staff,
      RestitutionClaim,
      'restitution-claim',
      { filedOn: body.filedOn },
      (r) => restitutionProblem(r.person),
      {
        filedOn: body.filedOn,
        filedWith: body.filedWith,
        amountIdr: body.amountIdr,
        notes: body.notes ?? null,
      },
    );
  }

  recordDiversion(
    tx: Transaction,
    referralId: string,
    body: { heldOn: string; level: DiversionLevel; result: DiversionResult; notes?: string },
    staff: Principal,
  ) {
    return this.add(tx, referralId, staff, Diversion, 'diversion', { heldOn: body.heldOn }, (r) => diversionProblem(r.person), {
      heldOn: body.heldOn,
      level: body.level,
      result: body.result,
      notes: body.notes ?? null,
    });
  }

  /** One record under the referral, told to reporting (activity and month only) in the same transaction. */
  private async add<E extends ObjectLiteral>(
    tx: Transaction,
    referralId: string,
    staff: Principal,
    entity: EntityTarget<E>,
    activity: ServiceActivity,
    date: Record<string, string>,
    problem: (referral: IncomingReferral) => string | null,
    values: Record<string, unknown>,
  ): Promise<E> {
    notInFuture(date, this.settings.timeZone);
    const referral = await acceptedReferral(tx, this.referrals, referralId, staff, LEGAL_SERVICES);
    const refused = problem(referral);
    if (refused) throw new ConflictException(refused);
    const id = randomUUID();
    const serviceRecordId = await this.recorder.record(tx, referral, activity, { recordId: id, at: dayAsDate(Object.values(date)[0]) });
    return this.rows.insert(tx, entity, { id, referralId, recordedBy: staff.staffId, serviceRecordId, ...values });
  }
}
