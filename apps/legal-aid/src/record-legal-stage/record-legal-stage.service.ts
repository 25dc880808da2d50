import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import {
  ReferralInboxService,
  SERVICE_NODE_SETTINGS,
  ServiceRecorder,
  type IncomingReferral,
  type ServiceNodeSettings,
} from '@rujukan/service-node';
import { acceptedReferral, dayAsDate, notInFuture } from '@rujukan/service-node';
import { LegalCaseRepository } from '../legal-case/legal-case.repository.js';
import { LEGAL_SERVICES } from '../legal-case/legal-services.js';
import {
  advanceStage,
  STAGE_ACTIVITY,
  stageDateProblem,
  stageProblems,
  type LegalStage,
  type VerdictOutcome,
} from '../legal-case/stage-order.js';
import { LegalCasesQuery } from '../queries/legal-cases.query.js';

/**
 * The criminal case under an accepted law-enforcement or legal-aid referral:
 * the police report and the stages up to the verdict. Stages only move
 * forward; a late or repeated one changes nothing (and is not counted).
 */
@Injectable()
export class RecordLegalStageService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly cases: LegalCaseRepository,
    private readonly views: LegalCasesQuery,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  /** Records the police report (LP) number; the case is then at least at the report stage. */
  async policeReport(tx: Transaction, referralId: string, body: { reportNumber: string; reportedOn: string }, staff: Principal) {
    notInFuture({ reportedOn: body.reportedOn }, this.settings.timeZone);
    const referral = await acceptedReferral(tx, this.referrals, referralId, staff, LEGAL_SERVICES);
    const legalCase = await this.cases.lockedCase(tx, referralId);
    if (legalCase.policeReportNumber) {
      if (legalCase.policeReportNumber === body.reportNumber && legalCase.policeReportedOn === body.reportedOn)
        return { changed: false, ...(await this.views.view(tx, referral)) };
      if (legalCase.policeReportNumber === body.reportNumber)
        throw new ConflictException(
          `police report ${legalCase.policeReportNumber} is recorded with the date ${legalCase.policeReportedOn}, not ${body.reportedOn}`,
        );
      throw new ConflictException(
        `police report ${legalCase.policeReportNumber} is recorded already; a case has one police report (not ${body.reportNumber})`,
      );
    }
    legalCase.policeReportNumber = body.reportNumber;
    legalCase.policeReportedOn = body.reportedOn;
    const { stage, changed } = advanceStage(legalCase.stage, 'report');
    if (changed) {
      legalCase.stage = stage;
      legalCase.stageOn = body.reportedOn;
    }
    legalCase.updatedAt = new Date();
    await this.cases.save(tx, legalCase);
    await this.recordStage(tx, referral, 'report', body.reportedOn, undefined, staff);
    return { changed: true, ...(await this.views.view(tx, referral)) };
  }

  /** Moves the case to a later stage; a verdict with its outcome. */
  async stage(
    tx: Transaction,
    referralId: string,
    body: { stage: LegalStage; occurredOn: string; outcome?: VerdictOutcome },
    staff: Principal,
  ) {
    const problems = stageProblems(body.stage, body.outcome);
    if (problems) throw fieldErrorsException(problems);
    notInFuture({ occurredOn: body.occurredOn }, this.settings.timeZone);
    const referral = await acceptedReferral(tx, this.referrals, referralId, staff, LEGAL_SERVICES);
    const legalCase = await this.cases.lockedCase(tx, referralId);
    // One verdict: the same one again changes nothing, another outcome contradicts it.
    if (body.stage === 'verdict' && legalCase.stage === 'verdict' && legalCase.verdictOutcome !== (body.outcome ?? null))
      throw new ConflictException(
        `a verdict (${legalCase.verdictOutcome ?? 'no outcome'}) is recorded already; a verdict with another outcome (${body.outcome}) is not taken`,
      );
    const { stage, changed } = advanceStage(legalCase.stage, body.stage);
    if (!changed) return { changed: false, ...(await this.views.view(tx, referral)) };
    const dateProblem = stageDateProblem(legalCase.stageOn, body.occurredOn);
    if (dateProblem) throw fieldErrorsException({ occurredOn: [dateProblem] });
    Object.assign(legalCase, { stage, stageOn: body.occurredOn, verdictOutcome: body.outcome ?? null, updatedAt: new Date() });
    await this.cases.save(tx, legalCase);
    await this.recordStage(tx, referral, body.stage, body.occurredOn, body.outcome, staff);
    return { changed: true, ...(await this.views.view(tx, referral)) };
  }

  private async recordStage(
    tx: Transaction,
    referral: IncomingReferral,
    stage: LegalStage,
    occurredOn: string,
    outcome: VerdictOutcome | undefined,
    staff: Principal,
  ) {
    if (await this.cases.hasStage(tx, referral.referralId, stage)) return;
    const id = randomUUID();
    const serviceRecordId = await this.recorder.record(tx, referral, STAGE_ACTIVITY[stage], {
      recordId: id,
      outcome,
      at: dayAsDate(occurredOn),
    });
    await this.cases.insertStage(tx, {
      id,
      referralId: referral.referralId,
      stage,
      occurredOn,
      outcome: outcome ?? null,
      recordedBy: staff.staffId,
      serviceRecordId,
    });
  }
}
