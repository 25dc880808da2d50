import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralInboxService, SERVICE_NODE_SETTINGS, ServiceRecorder, type ServiceNodeSettings } from '@rujukan/service-node';
import { RehabilitationRepository } from '../rehabilitation/rehabilitation.repository.js';
import { requireAccepted, SESSION_ACTIVITY, sessionKindProblem, type SessionKind } from '../rehabilitation/rehabilitation-rules.js';
import { checkServiceDay, dayAsDate } from '@rujukan/service-node';
import type { RehabilitationSession } from '../rehabilitation/rehabilitation-session.entity.js';

export interface SessionInput {
  kind: SessionKind;
  heldOn: string;
  durationMinutes: number;
  counsellorId?: string;
  notes?: string;
}

@Injectable()
export class RecordSessionService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly records: RehabilitationRepository,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  /**
   * Records a counselling session (social rehabilitation) or a spiritual
   * guidance session (spiritual guidance), each counted for its own
   * indicator; the notes stay here.
   */
  async record(tx: Transaction, referralId: string, input: SessionInput, staff: Principal): Promise<RehabilitationSession> {
    const referral = await this.referrals.get(tx, referralId, true);
    requireAccepted(referral.state, 'a session');
    const mismatch = sessionKindProblem(referral.service!, input.kind);
    // The wrong kind of referral for the record is a 409, as an assessment under a spiritual-guidance referral is.
    if (mismatch) throw new ConflictException(mismatch);
    checkServiceDay('heldOn', input.heldOn, referral, this.settings.timeZone);
    const saved = await this.records.saveSession(tx, {
      referralId,
      kind: input.kind,
      heldOn: input.heldOn,
      durationMinutes: input.durationMinutes,
      counsellorId: input.counsellorId ?? staff.staffId,
      notes: input.notes ?? null,
      recordedBy: staff.staffId,
    });
    await this.recorder.record(tx, referral, SESSION_ACTIVITY[input.kind], { recordId: saved.id, at: dayAsDate(input.heldOn) });
    return saved;
  }
}
