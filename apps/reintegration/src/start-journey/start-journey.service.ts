import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { dayIn } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import {
  assertHolder,
  checkServiceDay,
  dayAsDate,
  ReferralInboxService,
  SERVICE_NODE_SETTINGS,
  type ServiceNodeSettings,
  ServiceRecorder,
} from '@rujukan/service-node';
import { RepatriationJourneysQuery, type JourneyView } from '../queries/journeys.query.js';
import { checkJourneyStep } from '../repatriation/journey-rules.js';
import { lockJourney } from '../repatriation/lock-journey.js';
import { RepatriationJourneyRepository } from '../repatriation/repatriation-journey.repository.js';

@Injectable()
export class StartJourneyService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    private readonly journeys: RepatriationJourneyRepository,
    private readonly views: RepatriationJourneysQuery,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  /** She is on her way: recorded as `repatriation-started` (counted for no indicator). */
  async start(tx: Transaction, journeyId: string, startedOn: string | undefined, staff: Principal): Promise<JourneyView> {
    const journey = await lockJourney(tx, this.journeys, journeyId);
    checkJourneyStep(journey.state, 'travelling');
    const referral = await this.referrals.get(tx, journey.referralId, true);
    if (referral.state !== 'accepted')
      throw new ConflictException(`referral is ${referral.state}; a journey starts only under an accepted referral`);
    // The guard checked ownership before the row lock; checked again under it.
    assertHolder(referral, staff);
    if (!(await this.views.legs(tx, journeyId)).length) throw new ConflictException('add the journey’s legs before it starts');
    const day = startedOn ?? dayIn(new Date(), this.settings.timeZone);
    checkServiceDay('startedOn', day, referral, this.settings.timeZone);
    await this.journeys.update(tx, journey.id, 'travelling', { startedOn: day });
    await this.recorder.record(tx, referral, 'repatriation-started', { at: dayAsDate(day) });
    return this.views.view(tx, journeyId);
  }
}
