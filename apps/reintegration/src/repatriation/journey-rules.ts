import { ConflictException } from '@nestjs/common';

/** A repatriation journey moves forward only: planned -> travelling -> handed-over. */
export const JOURNEY_STATES = ['planned', 'travelling', 'handed-over'] as const;
export type JourneyState = (typeof JOURNEY_STATES)[number];

/** Throws 409 unless `next` is the step right after `current`. */
export function checkJourneyStep(current: JourneyState, next: JourneyState): void {
  const from = JOURNEY_STATES.indexOf(current);
  const to = JOURNEY_STATES.indexOf(next);
  if (to === from + 1) return;
  if (to <= from) throw new ConflictException(`journey is ${current}; it cannot become ${next} again or go back`);
  throw new ConflictException(`journey is ${current}; it must be ${JOURNEY_STATES[to - 1]} before it is ${next}`);
}

export const TRAVEL_MODES = ['sea', 'air', 'land'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

export interface LegDates {
  departOn: string;
  arriveOn?: string | null;
}

/** One leg as staff give it, when the journey is planned or later. */
export interface LegInput {
  fromPlace: string;
  toPlace: string;
  mode: TravelMode;
  departOn: string;
  arriveOn?: string;
}

/**
 * Dates of legs added after `earlier` (already recorded, in order): each
 * arrives no earlier than it departs, and departs no earlier than the leg
 * before it arrived (or departed). Errors keyed `<prefix>.<i>.<field>`.
 */
export function legDateProblems(earlier: LegDates[], added: LegDates[], prefix = 'legs'): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  let previous = earlier.length ? earlier[earlier.length - 1] : undefined;
  added.forEach((leg, i) => {
    const key = prefix ? `${prefix}.${i}` : '';
    const at = (field: string) => (key ? `${key}.${field}` : field);
    if (leg.arriveOn && leg.arriveOn < leg.departOn) problems[at('arriveOn')] = ['arriveOn is before departOn'];
    const previousEnd = previous ? (previous.arriveOn ?? previous.departOn) : undefined;
    if (previousEnd && leg.departOn < previousEnd)
      problems[at('departOn')] = [`departOn is before the previous leg ended (${previousEnd})`];
    previous = leg;
  });
  return problems;
}

export const HANDOVER_RECIPIENTS = ['agency', 'family'] as const;
export type HandoverRecipient = (typeof HANDOVER_RECIPIENTS)[number];

export const FAMILY_RELATIONS = ['parent', 'spouse', 'sibling', 'child', 'guardian', 'other-relative'] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];
