import { NotFoundException } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import type { RepatriationJourney } from './repatriation-journey.entity.js';
import type { RepatriationJourneyRepository } from './repatriation-journey.repository.js';

/** The journey, locked for update (404 when there is none). */
export async function lockJourney(
  tx: Transaction,
  journeys: RepatriationJourneyRepository,
  journeyId: string,
): Promise<RepatriationJourney> {
  const journey = await journeys.findLocked(tx, journeyId);
  if (!journey) throw new NotFoundException(`no journey ${journeyId}`);
  return journey;
}
