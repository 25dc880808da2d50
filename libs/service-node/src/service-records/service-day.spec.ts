import { describe, expect, it } from '@jest/globals';
import { dayIn, monthIn } from '@rujukan/contracts';
import { dayAsDate, serviceDayProblem } from './service-day.js';

describe('service days', () => {
  // 2026-05-31 18:30 UTC is already 1 June in Jakarta (UTC+7) and Jayapura (UTC+9).
  const now = new Date('2026-05-31T18:30:00Z');
  const referral = { requestedAt: new Date('2026-05-10T02:00:00Z') };

  it('takes today in the node’s zone', () => {
    expect(dayIn(now, 'Asia/Jakarta')).toBe('2026-06-01');
    expect(dayIn(now, 'UTC')).toBe('2026-05-31');
  });

  it('refuses a day after today or before the referral', () => {
    expect(serviceDayProblem('2026-06-01', referral, 'Asia/Jakarta', now)).toBeNull();
    expect(serviceDayProblem('2026-06-02', referral, 'Asia/Jakarta', now)).toBe('is in the future');
    expect(serviceDayProblem('2026-05-10', referral, 'Asia/Jakarta', now)).toBeNull();
    expect(serviceDayProblem('2026-05-09', referral, 'Asia/Jakarta', now)).toBe('is before the referral was made');
    expect(serviceDayProblem('2020-01-01', { requestedAt: null }, 'Asia/Jakarta', now)).toBeNull();
  });

  it('counts a day in its own month in every Indonesian zone', () => {
    for (const zone of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']) {
      expect(monthIn(dayAsDate('2026-05-31'), zone)).toBe('2026-05');
      expect(monthIn(dayAsDate('2026-06-01'), zone)).toBe('2026-06');
    }
  });
});
