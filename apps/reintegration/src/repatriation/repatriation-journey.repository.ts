import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import type { JourneyState, TravelMode } from './journey-rules.js';
import { RepatriationJourney, RepatriationLeg } from './repatriation-journey.entity.js';

/** Writes to `repatriation_journey` and `repatriation_leg`. */
@Injectable()
export class RepatriationJourneyRepository {
  existsFor(tx: Transaction, referralId: string): Promise<boolean> {
    return tx.manager.getRepository(RepatriationJourney).existsBy({ referralId });
  }

  create(tx: Transaction, values: Partial<RepatriationJourney>): Promise<RepatriationJourney> {
    const repo = tx.manager.getRepository(RepatriationJourney);
    return repo.save(repo.create(values));
  }

  findLocked(tx: Transaction, journeyId: string): Promise<RepatriationJourney | null> {
    return tx.manager.getRepository(RepatriationJourney).findOne({ where: { id: journeyId }, lock: { mode: 'pessimistic_write' } });
  }

  async update(tx: Transaction, journeyId: string, state: JourneyState, changes: Partial<RepatriationJourney>): Promise<void> {
    await tx.manager.getRepository(RepatriationJourney).update({ id: journeyId }, { ...changes, state });
  }

  /** Appends legs numbered after the `after` already recorded. */
  async addLegs(
    tx: Transaction,
    journeyId: string,
    after: number,
    legs: Array<{ fromPlace: string; toPlace: string; mode: TravelMode; departOn: string; arriveOn?: string }>,
  ): Promise<void> {
    const repo = tx.manager.getRepository(RepatriationLeg);
    for (const [i, leg] of legs.entries()) {
      await repo.insert({
        journeyId,
        seq: after + i + 1,
        fromPlace: leg.fromPlace,
        toPlace: leg.toPlace,
        mode: leg.mode,
        departOn: leg.departOn,
        arriveOn: leg.arriveOn ?? null,
      });
    }
  }
}
