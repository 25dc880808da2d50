import { ConflictException, Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import { RepatriationJourneysQuery, type JourneyView } from '../queries/journeys.query.js';
import { legDateProblems, type LegInput } from '../repatriation/journey-rules.js';
import { lockJourney } from '../repatriation/lock-journey.js';
import { RepatriationJourneyRepository } from '../repatriation/repatriation-journey.repository.js';

@Injectable()
export class AddJourneyLegsService {
  constructor(
    private readonly journeys: RepatriationJourneyRepository,
    private readonly views: RepatriationJourneysQuery,
  ) {}

  /** Adds legs while she has not been handed over. */
  async addLegs(tx: Transaction, journeyId: string, legs: LegInput[]): Promise<JourneyView> {
    const journey = await lockJourney(tx, this.journeys, journeyId);
    if (journey.state === 'handed-over') throw new ConflictException('journey is handed-over; its legs can no longer change');
    const earlier = await this.views.legs(tx, journeyId);
    const problems = legDateProblems(earlier, legs);
    if (Object.keys(problems).length) throw fieldErrorsException(problems);
    await this.journeys.addLegs(tx, journeyId, earlier.length, legs);
    return this.views.view(tx, journeyId);
  }
}
