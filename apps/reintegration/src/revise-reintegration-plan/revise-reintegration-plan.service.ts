import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralInboxService } from '@rujukan/service-node';
import { ReintegrationPlansQuery, type PlanView } from '../queries/reintegration-plans.query.js';
import { checkComponents, openPlan } from '../reintegration-plan/open-plan.js';
import { ReintegrationPlanRepository } from '../reintegration-plan/reintegration-plan.repository.js';
import { checkPlanOpen, type PlanComponent } from '../reintegration-plan/reintegration-rules.js';

@Injectable()
export class ReviseReintegrationPlanService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly plans: ReintegrationPlanRepository,
    private readonly views: ReintegrationPlansQuery,
  ) {}

  /** Revises the plan's areas and goals while it runs; not a new service record. */
  async revise(tx: Transaction, planId: string, components: PlanComponent[], staff: Principal): Promise<PlanView> {
    const { plan, referral } = await openPlan(tx, this.plans, this.referrals, planId, staff);
    checkPlanOpen({ referralState: referral.state, completed: !!plan.completedOn }, 'a revision');
    checkComponents(components);
    await this.plans.update(tx, planId, { components, madeBy: staff.staffId, updatedAt: new Date() });
    return this.views.view(tx, planId);
  }
}
