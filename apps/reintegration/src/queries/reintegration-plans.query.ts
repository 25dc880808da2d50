import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { ReferralLookupQuery, ReferralsForStaffQuery } from '@rujukan/service-node';
import type { Transaction } from '@rujukan/messaging';
import { FollowUpVisit, ReintegrationPlan } from '../reintegration-plan/reintegration-plan.entity.js';

export type PlanView = ReintegrationPlan & { visits: FollowUpVisit[] };

@Injectable()
export class ReintegrationPlansQuery {
  constructor(
    private readonly forStaff: ReferralsForStaffQuery,
    private readonly referrals: ReferralLookupQuery,
  ) {}

  async view(tx: Transaction, planId: string): Promise<PlanView> {
    const plan = await tx.manager.getRepository(ReintegrationPlan).findOneBy({ id: planId });
    if (!plan) throw new NotFoundException(`no reintegration plan ${planId}`);
    const visits = await tx.manager
      .getRepository(FollowUpVisit)
      .find({ where: { planId }, order: { visitedOn: 'ASC', recordedAt: 'ASC' } });
    return { ...plan, visits };
  }

  /** The agency's plans (a case worker: those of her referrals): open ones, or completed, newest first, with her name from the referral. */
  async list(tx: Transaction, staff: Principal, completed: boolean) {
    const referralIds = await this.forStaff.ids(tx, staff);
    const qb = tx.manager
      .getRepository(ReintegrationPlan)
      .createQueryBuilder('p')
      .select([
        'p.id AS id',
        'p.referral_id AS "referralId"',
        'p.components AS components',
        'p.made_at AS "madeAt"',
        'p.completed_on AS "completedOn"',
        'p.result AS result',
      ])
      .addSelect('(SELECT count(*)::int FROM follow_up_visit v WHERE v.plan_id = p.id)', 'visits')
      .addSelect(`(SELECT to_char(max(v.visited_on), 'YYYY-MM-DD') FROM follow_up_visit v WHERE v.plan_id = p.id)`, 'lastVisitOn')
      .where(completed ? 'p.completed_on IS NOT NULL' : 'p.completed_on IS NULL')
      .orderBy('p.made_at', 'DESC')
      .limit(500);
    if (referralIds) qb.andWhere('p.referral_id = ANY(:referralIds)', { referralIds });
    return this.referrals.withNames(tx.manager, await qb.getRawMany<{ referralId: string }>());
  }
}
