import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { ServiceType } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import {
  ReferralInboxService,
  SERVICE_NODE_SETTINGS,
  ServiceRecorder,
  type IncomingReferral,
  type ServiceNodeSettings,
} from '@rujukan/service-node';
import { Accompaniment, CounselAssignment, Diversion, RestitutionClaim } from '../legal-support/legal-support.entities.js';
import { acceptedReferral, dayAsDate, notInFuture } from '@rujukan/service-node';
import { VisumRequestOut } from '../visum/visum-request.entity.js';
import { LegalCase, LegalStageRecord } from './legal-case.entity.js';
import { advanceStage, STAGE_ACTIVITY, stageDateProblem, stageProblems, type LegalStage, type VerdictOutcome } from './stage-order.js';

/** The referrals a legal-aid node serves: police (law enforcement) and legal aid offices. */
export const LEGAL_SERVICES: readonly ServiceType[] = ['law-enforcement', 'legal-aid'];

/**
 * The criminal case under an accepted law-enforcement or legal-aid referral:
 * the police report and the stages up to the verdict. Stages only move
 * forward; a late or repeated one changes nothing (and is not counted).
 */
@Injectable()
export class LegalCaseService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  /** Records the police report (LP) number; the case is then at least at the report stage. */
  async policeReport(tx: Transaction, referralId: string, body: { reportNumber: string; reportedOn: string }, staff: Principal) {
    notInFuture({ reportedOn: body.reportedOn }, this.settings.timeZone);
    const referral = await acceptedReferral(tx, this.referrals, referralId, staff, LEGAL_SERVICES);
    const legalCase = await this.lockedCase(tx, referralId);
    if (legalCase.policeReportNumber) {
      if (legalCase.policeReportNumber === body.reportNumber && legalCase.policeReportedOn === body.reportedOn)
        return { changed: false, ...(await this.view(tx, referral)) };
      throw new ConflictException(`police report ${legalCase.policeReportNumber} is recorded already`);
    }
    legalCase.policeReportNumber = body.reportNumber;
    legalCase.policeReportedOn = body.reportedOn;
    const { stage, changed } = advanceStage(legalCase.stage, 'report');
    if (changed) {
      legalCase.stage = stage;
      legalCase.stageOn = body.reportedOn;
    }
    legalCase.updatedAt = new Date();
    await tx.manager.getRepository(LegalCase).save(legalCase);
    await this.recordStage(tx, referral, 'report', body.reportedOn, undefined, staff);
    return { changed: true, ...(await this.view(tx, referral)) };
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
    const legalCase = await this.lockedCase(tx, referralId);
    const { stage, changed } = advanceStage(legalCase.stage, body.stage);
    if (!changed) return { changed: false, ...(await this.view(tx, referral)) };
    const dateProblem = stageDateProblem(legalCase.stageOn, body.occurredOn);
    if (dateProblem) throw fieldErrorsException({ occurredOn: [dateProblem] });
    Object.assign(legalCase, { stage, stageOn: body.occurredOn, verdictOutcome: body.outcome ?? null, updatedAt: new Date() });
    await tx.manager.getRepository(LegalCase).save(legalCase);
    await this.recordStage(tx, referral, body.stage, body.occurredOn, body.outcome, staff);
    return { changed: true, ...(await this.view(tx, referral)) };
  }

  /** Everything recorded under the referral, with the visum requests and their answers. */
  async get(tx: Transaction, referralId: string) {
    const referral = await this.referrals.get(tx, referralId);
    return this.view(tx, referral);
  }

  /** The agency's cases by stage; a case worker sees those of her referrals. */
  async list(tx: Transaction, staff: Principal, stage?: LegalStage): Promise<LegalCase[]> {
    const qb = tx.manager.getRepository(LegalCase).createQueryBuilder('c').orderBy('c.updatedAt', 'DESC').take(500);
    if (stage) qb.andWhere('c.stage = :stage', { stage });
    if (staff.role === 'case-worker') {
      qb.innerJoin('incoming_referral', 'r', 'r.referral_id = c.referral_id').andWhere('(r.assignee_id IS NULL OR r.assignee_id = :me)', {
        me: staff.staffId,
      });
    }
    return qb.getMany();
  }

  private async recordStage(
    tx: Transaction,
    referral: IncomingReferral,
    stage: LegalStage,
    occurredOn: string,
    outcome: VerdictOutcome | undefined,
    staff: Principal,
  ) {
    const repo = tx.manager.getRepository(LegalStageRecord);
    if (await repo.existsBy({ referralId: referral.referralId, stage })) return;
    const id = randomUUID();
    const serviceRecordId = await this.recorder.record(tx, referral, STAGE_ACTIVITY[stage], {
      recordId: id,
      outcome,
      at: dayAsDate(occurredOn),
    });
    await repo.insert({
      id,
      referralId: referral.referralId,
      stage,
      occurredOn,
      outcome: outcome ?? null,
      recordedBy: staff.staffId,
      serviceRecordId,
    });
  }

  private async lockedCase(tx: Transaction, referralId: string): Promise<LegalCase> {
    const repo = tx.manager.getRepository(LegalCase);
    await repo.createQueryBuilder().insert().values({ referralId }).orIgnore().execute();
    return (await repo.findOne({ where: { referralId }, lock: { mode: 'pessimistic_write' } }))!;
  }

  private async view(tx: Transaction, referral: IncomingReferral) {
    const referralId = referral.referralId;
    const m = tx.manager;
    const legalCase = await m.getRepository(LegalCase).findOneBy({ referralId });
    return {
      referralId,
      service: referral.service,
      referralState: referral.state,
      policeReportNumber: legalCase?.policeReportNumber ?? null,
      policeReportedOn: legalCase?.policeReportedOn ?? null,
      stage: legalCase?.stage ?? null,
      stageOn: legalCase?.stageOn ?? null,
      verdictOutcome: legalCase?.verdictOutcome ?? null,
      stages: await m.getRepository(LegalStageRecord).find({ where: { referralId }, order: { occurredOn: 'ASC', recordedAt: 'ASC' } }),
      counsel: await m.getRepository(CounselAssignment).find({ where: { referralId }, order: { assignedOn: 'ASC' } }),
      accompaniments: await m.getRepository(Accompaniment).find({ where: { referralId }, order: { accompaniedOn: 'ASC' } }),
      restitutionClaims: await m.getRepository(RestitutionClaim).find({ where: { referralId }, order: { filedOn: 'ASC' } }),
      diversions: await m.getRepository(Diversion).find({ where: { referralId }, order: { heldOn: 'ASC' } }),
      visumRequests: await m.getRepository(VisumRequestOut).find({ where: { referralId }, order: { requestedAt: 'ASC' } }),
    };
  }
}
