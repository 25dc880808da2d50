import { ConflictException, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralInboxService, ServiceRecorder } from '@rujukan/service-node';
import { ReintegrationPlansQuery, type PlanView } from '../queries/reintegration-plans.query.js';
import { checkComponents } from '../reintegration-plan/open-plan.js';
import { ReintegrationPlanRepository } from '../reintegration-plan/reintegration-plan.repository.js';
import { checkPlanOpen, type PlanComponent } from '../reintegration-plan/reintegration-rules.js';

@Injectable()
export class MakeReintegrationPlanService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly plans: ReintegrationPlanRepository,
    private readonly views: ReintegrationPlansQuery,
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
    checkComponents(components);
    const plan = await this.plans.create(tx, { referralId, components, madeBy: staff.staffId });
    await this.recorder.record(tx, referral, 'reintegration-plan', { recordId: plan.id });
    return this.views.view(tx, plan.id);
  }
}
