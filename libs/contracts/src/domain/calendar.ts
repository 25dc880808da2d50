/**
 * Calendar days, months and years in a node's time zone (WIB, WITA or WIT):
 * what events carry (`month`) and what staff type (a day). One place, so
 * every node cuts days the same way.
 */

/** YYYY-MM-DD of `date` in `timeZone`. */
export function dayIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** YYYY-MM of `date` in `timeZone`. */
export function monthIn(date: Date, timeZone: string): string {
  return dayIn(date, timeZone).slice(0, 7);
}

/** The calendar year of `date` in `timeZone`. */
export function yearIn(date: Date, timeZone: string): number {
  return Number(dayIn(date, timeZone).slice(0, 4));
}
