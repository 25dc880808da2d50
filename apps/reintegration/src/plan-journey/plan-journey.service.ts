import { ConflictException, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import { ReferralInboxService } from '@rujukan/service-node';
import { RepatriationJourneysQuery, type JourneyView } from '../queries/journeys.query.js';
import { legDateProblems, type LegInput } from '../repatriation/journey-rules.js';
import { RepatriationJourneyRepository } from '../repatriation/repatriation-journey.repository.js';

export interface JourneyInput {
  originCountry: string;
  originPlace: string;
  portOfEntry?: string;
  escortId?: string;
  destinationDistrict: string;
  legs?: LegInput[];
}

@Injectable()
export class PlanJourneyService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly journeys: RepatriationJourneyRepository,
    private readonly views: RepatriationJourneysQuery,
  ) {}

  /** Plans the journey home under an accepted repatriation referral. */
  async plan(tx: Transaction, referralId: string, input: JourneyInput, staff: Principal): Promise<JourneyView> {
    const referral = await this.referrals.get(tx, referralId, true);
    if (referral.service !== 'repatriation') {
      throw new ConflictException(`a repatriation journey belongs to a repatriation referral; this one is for ${referral.service}`);
    }
    if (referral.state !== 'accepted')
      throw new ConflictException(`referral is ${referral.state}; a journey is planned only under an accepted referral`);
    if (await this.journeys.existsFor(tx, referralId)) throw new ConflictException('this referral has its journey already');
    const problems: Record<string, string[]> = legDateProblems([], input.legs ?? []);
    if (input.originCountry !== 'ID' && !input.portOfEntry) problems.portOfEntry = ['portOfEntry is required for a journey from abroad'];
    if (Object.keys(problems).length) throw fieldErrorsException(problems);
    const journey = await this.journeys.create(tx, {
      referralId,
      state: 'planned',
      originCountry: input.originCountry,
      originPlace: input.originPlace,
      portOfEntry: input.portOfEntry ?? null,
      escortId: input.escortId ?? staff.staffId,
      destinationDistrict: input.destinationDistrict,
      plannedBy: staff.staffId,
    });
    await this.journeys.addLegs(tx, journey.id, 0, input.legs ?? []);
    return this.views.view(tx, journey.id);
  }
}
