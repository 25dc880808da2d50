import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { dayIn } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import {
  checkServiceDay,
  dayAsDate,
  ReferralInboxService,
  SERVICE_NODE_SETTINGS,
  type ServiceNodeSettings,
  ServiceRecorder,
} from '@rujukan/service-node';
import { ReintegrationPlansQuery, type PlanView } from '../queries/reintegration-plans.query.js';
import { openPlan } from '../reintegration-plan/open-plan.js';
import { ReintegrationPlanRepository } from '../reintegration-plan/reintegration-plan.repository.js';
import { checkPlanOpen, completionProblem, type ReintegrationResult } from '../reintegration-plan/reintegration-rules.js';

export interface CompletionInput {
  result: ReintegrationResult;
  note: string;
  completedOn?: string;
}

@Injectable()
export class CompleteReintegrationPlanService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly plans: ReintegrationPlanRepository,
    private readonly views: ReintegrationPlansQuery,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  /** Ends the reintegration: `reintegration-completed`, and the referral completed with the note. */
  async complete(tx: Transaction, planId: string, input: CompletionInput, staff: Principal): Promise<PlanView> {
    const { plan, referral } = await openPlan(tx, this.plans, this.referrals, planId, staff);
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
}
