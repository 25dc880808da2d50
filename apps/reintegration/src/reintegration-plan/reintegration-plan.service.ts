import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import {
  assertHolder,
  checkServiceDay,
  dayAsDate,
  type IncomingReferral,
  ReferralInboxService,
  SERVICE_NODE_SETTINGS,
  type ServiceNodeSettings,
  ServiceRecorder,
} from '@rujukan/service-node';
import { dayIn } from '@rujukan/contracts';
import { ReintegrationPlansQuery, type PlanView } from '../queries/reintegration-plans.query.js';
import type { FollowUpVisit, ReintegrationPlan } from './reintegration-plan.entity.js';
import { ReintegrationPlanRepository } from './reintegration-plan.repository.js';
import {
  checkPlanOpen,
  completionProblem,
  componentProblems,
  type PlanComponent,
  type ReintegrationResult,
} from './reintegration-rules.js';

export interface VisitInput {
  visitedOn: string;
  visitedBy?: string;
  outcome: string;
}

export interface CompletionInput {
  result: ReintegrationResult;
  note: string;
  completedOn?: string;
}

@Injectable()
export class ReintegrationPlanService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly plans: ReintegrationPlanRepository,
    private readonly views: ReintegrationPlansQuery,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  /** Makes the plan under an accepted social-reintegration referral: `reintegration-plan`. */
  async make(tx: Transaction, referralId: string, components: PlanComponent[], staff: Principal): Promise<PlanView> {
    const referral = await this.referrals.get(tx, referralId, true);
    if (referral.service !== 'social-reintegration') {
      throw new ConflictException(`a reintegration plan belongs to a social-reintegration referral; this one is for ${referral.service}`);
    }
    checkPlanOpen({ referralState: referral.state, completed: false }, 'a plan');
    if (await this.plans.existsFor(tx, referralId))
      throw new ConflictException('this referral has its reintegration plan already: revise it');
    this.checkComponents(components);
    const plan = await this.plans.create(tx, { referralId, components, madeBy: staff.staffId });
    await this.recorder.record(tx, referral, 'reintegration-plan', { recordId: plan.id });
    return this.views.view(tx, plan.id);
  }

  /** Revises the plan's areas and goals while it runs; not a new service record. */
  async revise(tx: Transaction, planId: string, components: PlanComponent[], staff: Principal): Promise<PlanView> {
    const { plan, referral } = await this.open(tx, planId, staff);
    checkPlanOpen({ referralState: referral.state, completed: !!plan.completedOn }, 'a revision');
    this.checkComponents(components);
    await this.plans.update(tx, planId, { components, madeBy: staff.staffId, updatedAt: new Date() });
    return this.views.view(tx, planId);
  }

  /** A follow-up visit: `follow-up-visit`; what it found stays here. */
  async visit(tx: Transaction, planId: string, input: VisitInput, staff: Principal): Promise<FollowUpVisit> {
    const { plan, referral } = await this.open(tx, planId, staff);
    checkPlanOpen({ referralState: referral.state, completed: !!plan.completedOn }, 'a follow-up visit');
    checkServiceDay('visitedOn', input.visitedOn, referral, this.settings.timeZone);
    const visit = await this.plans.addVisit(tx, {
      planId,
      visitedOn: input.visitedOn,
      visitedBy: input.visitedBy ?? staff.staffId,
      outcome: input.outcome,
      recordedBy: staff.staffId,
    });
    await this.recorder.record(tx, referral, 'follow-up-visit', { recordId: visit.id, at: dayAsDate(input.visitedOn) });
    return visit;
  }

  /** Ends the reintegration: `reintegration-completed`, and the referral completed with the note. */
  async complete(tx: Transaction, planId: string, input: CompletionInput, staff: Principal): Promise<PlanView> {
    const { plan, referral } = await this.open(tx, planId, staff);
    checkPlanOpen({ referralState: referral.state, completed: !!plan.completedOn }, 'completion');
    const problem = completionProblem(await this.plans.countVisits(tx, planId));
    if (problem) throw new ConflictException(problem);
    const completedOn = input.completedOn ?? dayIn(new Date(), this.settings.timeZone);
    checkServiceDay('completedOn', completedOn, referral, this.settings.timeZone);
    await this.plans.update(tx, planId, { completedOn, result: input.result, completionNote: input.note, completedBy: staff.staffId });
    await this.referrals.complete(tx, referral.referralId, input.note, staff);
    await this.recorder.record(tx, referral, 'reintegration-completed', { at: dayAsDate(completedOn) });
    return this.views.view(tx, planId);
  }

  private checkComponents(components: PlanComponent[]): void {
    const problems = componentProblems(components);
    if (Object.keys(problems).length) throw fieldErrorsException(problems);
  }

  /** The plan, locked, with its referral; re-checks under the lock that a case worker holds it. */
  private async open(tx: Transaction, planId: string, staff: Principal): Promise<{ plan: ReintegrationPlan; referral: IncomingReferral }> {
    const plan = await this.plans.findLocked(tx, planId);
    if (!plan) throw new NotFoundException(`no reintegration plan ${planId}`);
    const referral = await this.referrals.get(tx, plan.referralId, true);
    assertHolder(referral, staff);
    return { plan, referral };
  }
}
