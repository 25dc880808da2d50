import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SIGN_IN_POLICY, signInGate } from './sign-in-policy.js';

describe('sign-in policy', () => {
  const t0 = new Date('2026-11-23T10:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('lets the first failures through, then makes each attempt wait longer, then locks', () => {
    expect(signInGate(DEFAULT_SIGN_IN_POLICY, 2, t0, t0)).toEqual({ allowed: true });
    expect(signInGate(DEFAULT_SIGN_IN_POLICY, 3, t0, at(500))).toEqual({ allowed: false, reason: 'slow-down', retryAfterMs: 500 });
    expect(signInGate(DEFAULT_SIGN_IN_POLICY, 3, t0, at(1000))).toEqual({ allowed: true });
    expect(signInGate(DEFAULT_SIGN_IN_POLICY, 6, t0, at(7000))).toEqual({ allowed: false, reason: 'slow-down', retryAfterMs: 1000 });
    expect(signInGate(DEFAULT_SIGN_IN_POLICY, 10, t0, at(10 ** 9))).toEqual({ allowed: false, reason: 'locked' });
  });
});
