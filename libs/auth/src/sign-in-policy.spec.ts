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
    expect(signInGate(DEFAULT_SIGN_IN_POLICY, 10, t0, at(1000))).toEqual({
      allowed: false,
      reason: 'locked',
      retryAfterMs: 15 * 60 * 1000 - 1000,
    });
  });

  it('a lock ends by itself after the lock time, and a failure after it locks again', () => {
    const policy = { ...DEFAULT_SIGN_IN_POLICY, lockMs: 60_000 };
    expect(signInGate(policy, 10, t0, at(59_999))).toMatchObject({ allowed: false, reason: 'locked' });
    expect(signInGate(policy, 10, t0, at(60_000))).toEqual({ allowed: true });
    expect(signInGate(policy, 11, at(60_000), at(60_001))).toMatchObject({ allowed: false, reason: 'locked' });
  });
});
