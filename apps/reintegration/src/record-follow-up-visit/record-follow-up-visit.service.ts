import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import {
  checkServiceDay,
  dayAsDate,
  ReferralInboxService,
  SERVICE_NODE_SETTINGS,
  type ServiceNodeSettings,
  ServiceRecorder,
} from '@rujukan/service-node';
import { openPlan } from '../reintegration-plan/open-plan.js';
import type { FollowUpVisit } from '../reintegration-plan/reintegration-plan.entity.js';
import { ReintegrationPlanRepository } from '../reintegration-plan/reintegration-plan.repository.js';
import { checkPlanOpen } from '../reintegration-plan/reintegration-rules.js';

export interface VisitInput {
  visitedOn: string;
  visitedBy?: string;
  outcome: string;
}

@Injectable()
export class RecordFollowUpVisitService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly plans: ReintegrationPlanRepository,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  /** A follow-up visit: `follow-up-visit`; what it found stays here. */
  async visit(tx: Transaction, planId: string, input: VisitInput, staff: Principal): Promise<FollowUpVisit> {
    const { plan, referral } = await openPlan(tx, this.plans, this.referrals, planId, staff);
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
}
