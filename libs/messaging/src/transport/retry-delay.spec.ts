import { describe, expect, it } from '@jest/globals';
import { retryDelay } from './retry-delay.js';

describe('retry delay', () => {
  it('doubles from the base and stops growing at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(n, 1000, 30000))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('stays finite after thousands of deliveries (a weekend outage)', () => {
    expect(retryDelay(5000, 1000, 300000)).toBe(300000);
  });
});
