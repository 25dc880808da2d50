import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { FollowUpVisit, ReintegrationPlan } from './reintegration-plan.entity.js';
import type { PlanComponent } from './reintegration-rules.js';

/** Writes to `reintegration_plan` and `follow_up_visit`. */
@Injectable()
export class ReintegrationPlanRepository {
  existsFor(tx: Transaction, referralId: string): Promise<boolean> {
    return tx.manager.getRepository(ReintegrationPlan).existsBy({ referralId });
  }

  create(tx: Transaction, values: { referralId: string; components: PlanComponent[]; madeBy: string }): Promise<ReintegrationPlan> {
    const repo = tx.manager.getRepository(ReintegrationPlan);
    return repo.save(repo.create(values));
  }

  findLocked(tx: Transaction, planId: string): Promise<ReintegrationPlan | null> {
    return tx.manager.getRepository(ReintegrationPlan).findOne({ where: { id: planId }, lock: { mode: 'pessimistic_write' } });
  }

  async update(tx: Transaction, planId: string, changes: Partial<ReintegrationPlan>): Promise<void> {
    await tx.manager.getRepository(ReintegrationPlan).update({ id: planId }, changes);
  }

  addVisit(tx: Transaction, values: Omit<FollowUpVisit, 'id' | 'recordedAt'>): Promise<FollowUpVisit> {
    const repo = tx.manager.getRepository(FollowUpVisit);
    return repo.save(repo.create(values));
  }

  countVisits(tx: Transaction, planId: string): Promise<number> {
    return tx.manager.getRepository(FollowUpVisit).countBy({ planId });
  }
}
