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
  const end = (leg: LegDates) => leg.arriveOn ?? leg.departOn;
  let previous = earlier.length ? earlier[earlier.length - 1] : undefined;
  // The latest end so far: a leg out of order is named, and so is every later one still before it.
  let latest = earlier.reduce<string | undefined>((max, leg) => (!max || end(leg) > max ? end(leg) : max), undefined);
  added.forEach((leg, i) => {
    const key = prefix ? `${prefix}.${i}` : '';
    const at = (field: string) => (key ? `${key}.${field}` : field);
    if (leg.arriveOn && leg.arriveOn < leg.departOn) problems[at('arriveOn')] = ['arriveOn is before departOn'];
    const previousEnd = previous ? end(previous) : undefined;
    if (previousEnd && leg.departOn < previousEnd)
      problems[at('departOn')] = [`departOn is before the previous leg ended (${previousEnd})`];
    else if (latest && leg.departOn < latest) problems[at('departOn')] = [`departOn is before an earlier leg ended (${latest})`];
    previous = leg;
    if (!latest || end(leg) > latest) latest = end(leg);
  });
  return problems;
}

export const HANDOVER_RECIPIENTS = ['agency', 'family'] as const;
export type HandoverRecipient = (typeof HANDOVER_RECIPIENTS)[number];

export const FAMILY_RELATIONS = ['parent', 'spouse', 'sibling', 'child', 'guardian', 'other-relative'] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];

/** Node roles whose agencies receive a victim brought home: the district's UPTD PPA (intake) or Dinas Sosial (rehabilitation). */
export const RECEIVING_NODES = ['intake', 'rehabilitation'] as const;

/**
 * Why `agency` cannot receive her at her origin `district` (undefined when it can):
 * it must be a UPTD PPA or Dinas Sosial node of the directory in that district.
 */
export function receivingAgencyProblem(agency: { id: string; node: string; district?: string }, district: string): string | undefined {
  if (!(RECEIVING_NODES as readonly string[]).includes(agency.node))
    return `agency ${agency.id} cannot receive a victim: a hand-over goes to the district's UPTD PPA or Dinas Sosial`;
  if (agency.district !== district)
    return `agency ${agency.id} is in ${agency.district ?? 'no district'}, not in the journey's destination district (${district})`;
  return undefined;
}

/** Why a hand-over on `day` is too early (undefined when it is not): the last leg must have departed by then. */
export function handOverDayProblem(day: string, legs: LegDates[]): string | undefined {
  const last = legs.length ? legs[legs.length - 1] : undefined;
  if (last && day < last.departOn) return `handedOverAt is before the journey's last leg departs (${last.departOn})`;
  return undefined;
}
