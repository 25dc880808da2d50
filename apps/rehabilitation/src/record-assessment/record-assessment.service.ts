import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralInboxService, SERVICE_NODE_SETTINGS, ServiceRecorder, type ServiceNodeSettings } from '@rujukan/service-node';
import { RehabilitationRepository } from '../rehabilitation/rehabilitation.repository.js';
import { requireAccepted } from '../rehabilitation/rehabilitation-rules.js';
import { checkServiceDay, dayAsDate } from '@rujukan/service-node';
import type { HarmRiskLevel, PsychosocialAssessment, PsychosocialConcern } from '../rehabilitation/psychosocial-assessment.entity.js';

export interface AssessmentInput {
  assessedOn: string;
  counsellorId?: string;
  riskLevel: HarmRiskLevel;
  concerns?: PsychosocialConcern[];
  findings: string;
}

@Injectable()
export class RecordAssessmentService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly records: RehabilitationRepository,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  /** Records the assessment that opens social rehabilitation; counted as `psychosocial-assessment`. */
  async assess(tx: Transaction, referralId: string, input: AssessmentInput, staff: Principal): Promise<PsychosocialAssessment> {
    const referral = await this.referrals.get(tx, referralId, true);
    if (referral.service !== 'social-rehabilitation') {
      throw new ConflictException(
        `a psychosocial assessment belongs to a social-rehabilitation referral; this one is for ${referral.service}`,
      );
    }
    requireAccepted(referral.state, 'an assessment');
    if (await this.records.isAssessed(tx, referralId)) throw new ConflictException('this referral has its psychosocial assessment already');
    checkServiceDay('assessedOn', input.assessedOn, referral, this.settings.timeZone);
    const saved = await this.records.saveAssessment(tx, {
      referralId,
      assessedOn: input.assessedOn,
      counsellorId: input.counsellorId ?? staff.staffId,
      riskLevel: input.riskLevel,
      concerns: input.concerns ?? [],
      findings: input.findings,
      recordedBy: staff.staffId,
    });
    await this.recorder.record(tx, referral, 'psychosocial-assessment', { recordId: saved.id, at: dayAsDate(input.assessedOn) });
    return saved;
  }
}
