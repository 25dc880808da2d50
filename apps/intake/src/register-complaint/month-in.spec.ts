import { describe, expect, it } from '@jest/globals';
import { monthIn } from '@rujukan/contracts';

describe('monthIn', () => {
  it('counts a complaint in the month of the node’s time zone, not UTC', () => {
    const lateOnNewYearsEveUtc = new Date('2025-12-31T18:30:00Z'); // 01:30 on 1 January in WIB
    expect(monthIn(lateOnNewYearsEveUtc, 'Asia/Jakarta')).toBe('2026-01');
    expect(monthIn(lateOnNewYearsEveUtc, 'UTC')).toBe('2025-12');
    expect(monthIn(new Date('2026-03-31T15:30:00Z'), 'Asia/Jayapura')).toBe('2026-04'); // WIT, UTC+9
    expect(monthIn(new Date('2026-03-31T15:30:00Z'), 'Asia/Makassar')).toBe('2026-03'); // WITA, UTC+8: 23:30
  });
});
