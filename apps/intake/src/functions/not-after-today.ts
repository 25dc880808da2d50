import { dayIn } from '@rujukan/contracts';
import { fieldErrorsException } from '@rujukan/platform';

/** A record's day may not be after today in the node's time zone: 400 naming the field. */
export function assertNotAfterToday(field: string, day: string, now: Date, timeZone: string): void {
  if (day > dayIn(now, timeZone)) throw fieldErrorsException({ [field]: [`${field} must not be after today`] });
}
