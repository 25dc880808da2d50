import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { ReferralSealedColumns } from '@rujukan/service-node';
import { FollowUpVisit, ReintegrationPlan, SEALED_FOLLOW_UP_VISIT, SEALED_REINTEGRATION_PLAN } from './reintegration-plan.entity.js';
import type { PlanComponent } from './reintegration-rules.js';

/** Writes to `reintegration_plan` and `follow_up_visit`; their text about her is stored sealed with the referral's data key. */
@Injectable()
export class ReintegrationPlanRepository {
  constructor(private readonly sealed: ReferralSealedColumns) {}

  existsFor(tx: Transaction, referralId: string): Promise<boolean> {
    return tx.manager.getRepository(ReintegrationPlan).existsBy({ referralId });
  }

  async create(tx: Transaction, values: { referralId: string; components: PlanComponent[]; madeBy: string }): Promise<ReintegrationPlan> {
    const repo = tx.manager.getRepository(ReintegrationPlan);
    const { identifiers } = await repo.insert(await this.sealed.seal(tx.manager, SEALED_REINTEGRATION_PLAN, values.referralId, values));
    return repo.findOneByOrFail({ id: identifiers[0].id as string });
  }

  findLocked(tx: Transaction, planId: string): Promise<ReintegrationPlan | null> {
    return tx.manager.getRepository(ReintegrationPlan).findOne({ where: { id: planId }, lock: { mode: 'pessimistic_write' } });
  }

  async update(tx: Transaction, planId: string, changes: Partial<ReintegrationPlan>): Promise<void> {
    const repo = tx.manager.getRepository(ReintegrationPlan);
    const referralId = await this.referralOf(tx, planId);
    await repo.update({ id: planId }, await this.sealed.seal(tx.manager, SEALED_REINTEGRATION_PLAN, referralId, changes));
  }

  /** Records a visit under the plan's referral. */
  async addVisit(tx: Transaction, values: Omit<FollowUpVisit, 'id' | 'recordedAt' | 'referralId'>): Promise<FollowUpVisit> {
    const repo = tx.manager.getRepository(FollowUpVisit);
    const referralId = await this.referralOf(tx, values.planId);
    const { identifiers } = await repo.insert(
      await this.sealed.seal(tx.manager, SEALED_FOLLOW_UP_VISIT, referralId, { ...values, referralId }),
    );
    return repo.findOneByOrFail({ id: identifiers[0].id as string });
  }

  private async referralOf(tx: Transaction, planId: string): Promise<string> {
    const plan = await tx.manager
      .getRepository(ReintegrationPlan)
      .findOneOrFail({ where: { id: planId }, select: { id: true, referralId: true } });
    return plan.referralId;
  }

  countVisits(tx: Transaction, planId: string): Promise<number> {
    return tx.manager.getRepository(FollowUpVisit).countBy({ planId });
  }
}
