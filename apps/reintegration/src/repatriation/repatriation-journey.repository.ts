import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { ReferralSealedColumns } from '@rujukan/service-node';
import type { JourneyState, TravelMode } from './journey-rules.js';
import { RepatriationJourney, RepatriationLeg, SEALED_JOURNEY, SEALED_LEG } from './repatriation-journey.entity.js';

/** Writes to `repatriation_journey` and `repatriation_leg`; the places and people of her journey are stored sealed with the referral's data key. */
@Injectable()
export class RepatriationJourneyRepository {
  constructor(private readonly sealed: ReferralSealedColumns) {}

  existsFor(tx: Transaction, referralId: string): Promise<boolean> {
    return tx.manager.getRepository(RepatriationJourney).existsBy({ referralId });
  }

  async create(
    tx: Transaction,
    values: Partial<RepatriationJourney> & Pick<RepatriationJourney, 'referralId'>,
  ): Promise<RepatriationJourney> {
    const repo = tx.manager.getRepository(RepatriationJourney);
    const { identifiers } = await repo.insert(await this.sealed.seal(tx.manager, SEALED_JOURNEY, values.referralId, values));
    return repo.findOneByOrFail({ id: identifiers[0].id as string });
  }

  findLocked(tx: Transaction, journeyId: string): Promise<RepatriationJourney | null> {
    return tx.manager.getRepository(RepatriationJourney).findOne({ where: { id: journeyId }, lock: { mode: 'pessimistic_write' } });
  }

  async update(tx: Transaction, journeyId: string, state: JourneyState, changes: Partial<RepatriationJourney>): Promise<void> {
    const referralId = await this.referralOf(tx, journeyId);
    const sealed = await this.sealed.seal(tx.manager, SEALED_JOURNEY, referralId, changes);
    await tx.manager.getRepository(RepatriationJourney).update({ id: journeyId }, { ...sealed, state });
  }

  /** Appends legs numbered after the `after` already recorded. */
  async addLegs(
    tx: Transaction,
    journeyId: string,
    after: number,
    legs: Array<{ fromPlace: string; toPlace: string; mode: TravelMode; departOn: string; arriveOn?: string }>,
  ): Promise<void> {
    const repo = tx.manager.getRepository(RepatriationLeg);
    const referralId = legs.length ? await this.referralOf(tx, journeyId) : '';
    for (const [i, leg] of legs.entries()) {
      const values: Partial<RepatriationLeg> = {
        journeyId,
        referralId,
        seq: after + i + 1,
        fromPlace: leg.fromPlace,
        toPlace: leg.toPlace,
        mode: leg.mode,
        departOn: leg.departOn,
        arriveOn: leg.arriveOn ?? null,
      };
      await repo.insert(await this.sealed.seal(tx.manager, SEALED_LEG, referralId, values));
    }
  }

  private async referralOf(tx: Transaction, journeyId: string): Promise<string> {
    const journey = await tx.manager
      .getRepository(RepatriationJourney)
      .findOneOrFail({ where: { id: journeyId }, select: { id: true, referralId: true } });
    return journey.referralId;
  }
}
