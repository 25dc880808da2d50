import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@rujukan/messaging';
import { yearIn } from '@rujukan/contracts';
import { DEFAULT_TRIAGE_DEADLINES, firstResponseDue, triageDeadlinesFromEnv } from './triage-deadlines.js';

describe('triage deadlines', () => {
  const at = new Date('2026-11-23T15:30:00Z'); // 22:30 WIB

  it('high risk is due at once, medium in 6 hours, low in 3 days (same local time in WIB)', () => {
    expect(firstResponseDue(at, 'high', DEFAULT_TRIAGE_DEADLINES).toISOString()).toBe('2026-11-23T15:30:00.000Z');
    expect(firstResponseDue(at, 'medium', DEFAULT_TRIAGE_DEADLINES).toISOString()).toBe('2026-11-23T21:30:00.000Z');
    const low = firstResponseDue(at, 'low', DEFAULT_TRIAGE_DEADLINES);
    expect(low.toLocaleString('en-GB', { timeZone: 'Asia/Jakarta' })).toBe('26/11/2026, 22:30:00');
  });

  it('is the same instant in every zone; the local day and hour it falls on follow the node’s zone', () => {
    const evening = new Date('2026-11-23T12:00:00Z'); // 19:00 WIB, 20:00 WITA, 21:00 WIT
    const due = firstResponseDue(evening, 'medium', DEFAULT_TRIAGE_DEADLINES);
    const local = (zone: string) => due.toLocaleString('en-GB', { timeZone: zone });
    expect(local('Asia/Jakarta')).toBe('24/11/2026, 01:00:00');
    expect(local('Asia/Makassar')).toBe('24/11/2026, 02:00:00');
    expect(local('Asia/Jayapura')).toBe('24/11/2026, 03:00:00');
    // A low-risk case registered late on 31 December WIT is due in the new year, three days on.
    const low = firstResponseDue(new Date('2026-12-31T14:30:00Z'), 'low', DEFAULT_TRIAGE_DEADLINES); // 23:30 WIT
    expect(low.toLocaleString('en-GB', { timeZone: 'Asia/Jayapura' })).toBe('03/01/2027, 23:30:00');
  });

  it('counts the case register’s year in the node’s zone', () => {
    const newYearWib = new Date('2026-12-31T17:30:00Z'); // 00:30 on 1 January 2027 in WIB
    expect(yearIn(newYearWib, 'Asia/Jakarta')).toBe(2027);
    expect(yearIn(new Date('2026-12-31T16:30:00Z'), 'Asia/Jakarta')).toBe(2026); // 23:30 WIB
    expect(yearIn(new Date('2026-12-31T15:30:00Z'), 'Asia/Jayapura')).toBe(2027); // 00:30 WIT
  });

  it('reads overrides and names a wrong one', () => {
    expect(triageDeadlinesFromEnv({ TRIAGE_MEDIUM_MINUTES: '240' })).toEqual({ high: 0, medium: 240, low: 4320 });
    expect(() => triageDeadlinesFromEnv({ TRIAGE_LOW_MINUTES: 'soon' })).toThrow(ConfigError);
  });
});
