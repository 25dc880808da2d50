import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import { ReferralInboxService, SERVICE_NODE_SETTINGS, type ServiceNodeSettings } from '@rujukan/service-node';
import { RehabilitationRepository } from '../rehabilitation/rehabilitation.repository.js';
import { requireAccepted } from '../rehabilitation/rehabilitation-rules.js';
import { dayIn } from '@rujukan/contracts';
import type { RehabilitationPlan } from '../rehabilitation/rehabilitation-plan.entity.js';

export interface PlanInput {
  goals: string[];
  plannedSessions: number;
  reviewOn?: string;
}

@Injectable()
export class SaveRehabilitationPlanService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly records: RehabilitationRepository,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  /** Makes the plan, or revises it while the referral is open. Not a service record: the sessions are. */
  async save(
    tx: Transaction,
    referralId: string,
    input: PlanInput,
    staff: Principal,
  ): Promise<{ plan: RehabilitationPlan; created: boolean }> {
    const referral = await this.referrals.get(tx, referralId, true);
    requireAccepted(referral.state, 'a plan');
    if (input.reviewOn && input.reviewOn < dayIn(new Date(), this.settings.timeZone)) {
      throw fieldErrorsException({ reviewOn: ['reviewOn is in the past'] });
    }
    const existing = await this.records.findPlan(tx, referralId);
    const changes = { goals: input.goals, plannedSessions: input.plannedSessions, reviewOn: input.reviewOn ?? null };
    if (existing) {
      Object.assign(existing, changes, { madeBy: staff.staffId, updatedAt: new Date() });
      return { plan: await this.records.savePlan(tx, existing), created: false };
    }
    return { plan: await this.records.savePlan(tx, { referralId, ...changes, madeBy: staff.staffId }), created: true };
  }
}
