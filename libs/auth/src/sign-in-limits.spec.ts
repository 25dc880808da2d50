import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { DEFAULT_AUTH_LIMITS, type AuthSettings } from './auth.config.js';
import { BoundedMap, SignInAddressGuard, SlidingWindow, UnknownUsernameFailures } from './sign-in-limits.js';

describe('sign-in limits', () => {
  const settings = (over: Partial<AuthSettings>): AuthSettings => ({
    agency: 'a',
    tokenSecret: 'x'.repeat(40),
    tokenTtlSeconds: 900,
    ...DEFAULT_AUTH_LIMITS,
    ...over,
  });
  const from = (ip: string) => ({ switchToHttp: () => ({ getRequest: () => ({ ip }) }) }) as unknown as ExecutionContext;

  it('lets an address make its attempts per window, refuses the next, and starts again in the next window', () => {
    const clock = { at: 0, now: () => new Date(clock.at) };
    const guard = new SignInAddressGuard(settings({ addressLimit: { attempts: 3, windowMs: 60_000 } }), clock);
    for (let i = 0; i < 3; i++) expect(guard.canActivate(from('10.0.0.1'))).toBe(true);
    expect(() => guard.canActivate(from('10.0.0.1'))).toThrow('too many sign-in attempts from this address');
    expect(guard.canActivate(from('10.0.0.2'))).toBe(true); // another address has its own count
    expect(guard.refused).toBe(1);
    clock.at = 60_000;
    expect(guard.canActivate(from('10.0.0.1'))).toBe(true);
  });

  it('keeps at most the configured number of unknown usernames, dropping the least recently tried', () => {
    const failures = new UnknownUsernameFailures(settings({ unknownUsernamesKept: 100 }));
    const at = new Date(0);
    failures.countFailure('first', at);
    for (let i = 0; i < 99; i++) failures.countFailure(`u${i}`, at);
    failures.countFailure('first', at); // tried again: now the most recent
    failures.countFailure('one-more', at);
    expect(failures.size).toBe(100);
    expect(failures.get('first').failures).toBe(2);
    expect(failures.get('u0').failures).toBe(0); // dropped
    const map = new BoundedMap<number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c'), map.size]).toEqual([undefined, 2, 3, 2]);
  });

  it('allows a key its events in any window: a sliding window, not one that starts afresh at a boundary', () => {
    const window = new SlidingWindow(100);
    for (const at of [0, 30_000, 59_000]) expect(window.take('a', at, 3, 60_000)).toBe(0);
    expect(window.take('a', 59_500, 3, 60_000)).toBe(500); // refused: until the one at 0 s is a minute old
    expect(window.take('b', 59_500, 3, 60_000)).toBe(0); // another key has its own
    expect(window.take('a', 60_000, 3, 60_000)).toBe(0); // the one at 0 s has left the window
    // A window starting afresh at 60 s would allow two more here; the last minute holds three (30 s, 59 s, 60 s).
    expect(window.take('a', 61_000, 3, 60_000)).toBe(29_000);
    expect(window.take('a', 90_000, 3, 60_000)).toBe(0);
  });
});
