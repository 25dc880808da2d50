import { dayIn } from '@rujukan/contracts';
import { fieldErrorsException } from '@rujukan/platform';
import type { IncomingReferral } from '../referral-inbox/incoming-referral.entity.js';

/** Noon UTC of a calendar day: the same day, and so the same month, in every Indonesian zone. */
export function dayAsDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

/**
 * A service day given by staff must have happened: not after today in the
 * node's zone, and not before the referral asked for the service.
 * Returns the field's error, or null.
 */
export function serviceDayProblem(
  day: string,
  referral: Pick<IncomingReferral, 'requestedAt'>,
  timeZone: string,
  now = new Date(),
): string | null {
  if (day > dayIn(now, timeZone)) return 'is in the future';
  if (referral.requestedAt && day < dayIn(referral.requestedAt, timeZone)) return 'is before the referral was made';
  return null;
}

/** 400 naming `field` when its day is impossible. */
export function checkServiceDay(field: string, day: string, referral: Pick<IncomingReferral, 'requestedAt'>, timeZone: string): void {
  const problem = serviceDayProblem(day, referral, timeZone);
  if (problem) throw fieldErrorsException({ [field]: [`${field} ${problem}`] });
}

/** A calendar day as staff type it. */
export const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Refuses days after today (in the node's zone), naming the fields. */
export function notInFuture(dates: Record<string, string | undefined>, timeZone: string): void {
  const today = dayIn(new Date(), timeZone);
  const fields: Record<string, string[]> = {};
  for (const [field, date] of Object.entries(dates)) if (date && date > today) fields[field] = [`${field} must not be in the future`];
  if (Object.keys(fields).length) throw fieldErrorsException(fields);
}
