import { NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import { assertHolder, type IncomingReferral, type ReferralInboxService } from '@rujukan/service-node';
import type { ReintegrationPlan } from './reintegration-plan.entity.js';
import type { ReintegrationPlanRepository } from './reintegration-plan.repository.js';
import { componentProblems, type PlanComponent } from './reintegration-rules.js';

/** The plan, locked, with its referral; re-checks under the lock that a case worker holds it. */
export async function openPlan(
  tx: Transaction,
  plans: ReintegrationPlanRepository,
  referrals: ReferralInboxService,
  planId: string,
  staff: Principal,
): Promise<{ plan: ReintegrationPlan; referral: IncomingReferral }> {
  const plan = await plans.findLocked(tx, planId);
  if (!plan) throw new NotFoundException(`no reintegration plan ${planId}`);
  const referral = await referrals.get(tx, plan.referralId, true);
  assertHolder(referral, staff);
  return { plan, referral };
}

/** Throws 400 with the field errors when the plan's areas and goals do not hold. */
export function checkComponents(components: PlanComponent[]): void {
  const problems = componentProblems(components);
  if (Object.keys(problems).length) throw fieldErrorsException(problems);
}
