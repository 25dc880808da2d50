import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { ReferralLookupQuery, ReferralSealedColumns, ReferralsForStaffQuery } from '@rujukan/service-node';
import type { Transaction } from '@rujukan/messaging';
import type { JourneyState } from '../repatriation/journey-rules.js';
import { RepatriationJourney, RepatriationLeg, SEALED_JOURNEY } from '../repatriation/repatriation-journey.entity.js';

export type JourneyView = RepatriationJourney & { legs: RepatriationLeg[] };

@Injectable()
export class RepatriationJourneysQuery {
  constructor(
    private readonly forStaff: ReferralsForStaffQuery,
    private readonly referrals: ReferralLookupQuery,
    private readonly sealed: ReferralSealedColumns,
  ) {}

  async view(tx: Transaction, journeyId: string): Promise<JourneyView> {
    const journey = await tx.manager.getRepository(RepatriationJourney).findOneBy({ id: journeyId });
    if (!journey) throw new NotFoundException(`no journey ${journeyId}`);
    return { ...journey, legs: await this.legs(tx, journeyId) };
  }

  legs(tx: Transaction, journeyId: string): Promise<RepatriationLeg[]> {
    return tx.manager.getRepository(RepatriationLeg).find({ where: { journeyId }, order: { seq: 'ASC' } });
  }

  /** The agency's journeys (a case worker: those of her referrals), newest first, with her name from the referral. */
  async list(tx: Transaction, staff: Principal, state?: JourneyState) {
    const referralIds = await this.forStaff.ids(tx, staff);
    const qb = tx.manager
      .getRepository(RepatriationJourney)
      .createQueryBuilder('j')
      .select([
        'j.id AS id',
        'j.referral_id AS "referralId"',
        'j.state AS state',
        'j.origin_country AS "originCountry"',
        'j.origin_place AS "originPlace"',
      ])
      .addSelect([
        'j.destination_district AS "destinationDistrict"',
        'j.escort_id AS "escortId"',
        'j.started_on AS "startedOn"',
        'j.handed_over_at AS "handedOverAt"',
      ])
      .orderBy('j.planned_at', 'DESC')
      .limit(500);
    if (state) qb.andWhere('j.state = :state', { state });
    if (referralIds) qb.andWhere('j.referral_id = ANY(:referralIds)', { referralIds });
    const rows = await qb.getRawMany<{ referralId: string; originPlace: string }>();
    const opened = await this.sealed.openRows(tx.manager, SEALED_JOURNEY, rows, (r) => r.referralId, { originPlace: 'originPlace' });
    return this.referrals.withNames(tx.manager, opened);
  }
}
