import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@rujukan/messaging';
import { DEFAULT_TRIAGE_DEADLINES, firstResponseDue, triageDeadlinesFromEnv } from './triage-deadlines.js';

describe('triage deadlines', () => {
  const at = new Date('2026-11-23T15:30:00Z'); // 22:30 WIB

  it('high risk is due at once, medium in 6 hours, low in 3 days (same local time in WIB)', () => {
    expect(firstResponseDue(at, 'high', DEFAULT_TRIAGE_DEADLINES).toISOString()).toBe('2026-11-23T15:30:00.000Z');
    expect(firstResponseDue(at, 'medium', DEFAULT_TRIAGE_DEADLINES).toISOString()).toBe('2026-11-23T21:30:00.000Z');
    const low = firstResponseDue(at, 'low', DEFAULT_TRIAGE_DEADLINES);
    expect(low.toLocaleString('en-GB', { timeZone: 'Asia/Jakarta' })).toBe('26/11/2026, 22:30:00');
  });

  it('reads overrides and names a wrong one', () => {
    expect(triageDeadlinesFromEnv({ TRIAGE_MEDIUM_MINUTES: '240' })).toEqual({ high: 0, medium: 240, low: 4320 });
    expect(() => triageDeadlinesFromEnv({ TRIAGE_LOW_MINUTES: 'soon' })).toThrow(ConfigError);
  });
});
