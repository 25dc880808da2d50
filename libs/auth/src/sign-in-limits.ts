import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { AuthSettings } from './auth.config.js';
import { AUTH_CLOCK, AUTH_SETTINGS, type Clock } from './auth.constants.js';
import type { FailureCount } from './staff-accounts.repository.js';

/** A map that keeps at most `max` keys, dropping the least recently touched first. */
export class BoundedMap<V> {
  private readonly map = new Map<string, V>();

  constructor(readonly max: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

/**
 * Failure counts of usernames that are no account. They are kept in memory,
 * at most `AUTH_UNKNOWN_USERNAMES_KEPT` (10,000 by default, about 2 MB), so
 * random usernames cannot grow the database; the answers (slow down, locked)
 * follow the same policy as for accounts, so they do not tell which usernames exist.
 */
@Injectable()
export class UnknownUsernameFailures {
  private readonly counts: BoundedMap<FailureCount>;

  constructor(@Inject(AUTH_SETTINGS) settings: AuthSettings) {
    this.counts = new BoundedMap(settings.unknownUsernamesKept);
  }

  get size(): number {
    return this.counts.size;
  }

  get(username: string): FailureCount {
    return this.counts.get(username) ?? { failures: 0, lastFailedAt: null };
  }

  countFailure(username: string, at: Date): void {
    this.counts.set(username, { failures: this.get(username).failures + 1, lastFailedAt: at });
  }
}

/**
 * Sign-in attempts per address: at most `AUTH_ADDRESS_ATTEMPTS` per
 * `AUTH_ADDRESS_WINDOW_SECONDS` (60 a minute by default), checked before any
 * username is looked up or any password hashed. At most 10,000 addresses are
 * remembered (least recently seen dropped first).
 */
@Injectable()
export class SignInAddressGuard implements CanActivate {
  static readonly ADDRESSES_KEPT = 10_000;
  private readonly windows = new BoundedMap<{ start: number; count: number }>(SignInAddressGuard.ADDRESSES_KEPT);
  /** Attempts refused here, since start (for /health and tests). */
  refused = 0;

  constructor(
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const { attempts, windowMs } = this.settings.addressLimit;
    const address = context.switchToHttp().getRequest<{ ip?: string }>().ip ?? '-';
    const now = this.clock.now().getTime();
    const current = this.windows.get(address);
    const window = current && now - current.start < windowMs ? current : { start: now, count: 0 };
    window.count++;
    this.windows.set(address, window);
    if (window.count <= attempts) return true;
    this.refused++;
    throw new HttpException(
      {
        statusCode: 429,
        message: 'too many sign-in attempts from this address: wait and try again',
        retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)),
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * At most `limit` events per key in any `windowMs` (a sliding window: the
 * times of each key's last `limit` events are kept, in memory, for at most
 * `keysKept` keys). A refused event is not counted.
 */
export class SlidingWindow {
  private readonly times: BoundedMap<number[]>;

  constructor(keysKept: number) {
    this.times = new BoundedMap(keysKept);
  }

  /** Counts an event at `now`: 0 when it is within the limit, else the milliseconds until the next one will be. */
  take(key: string, now: number, limit: number, windowMs: number): number {
    const recent = (this.times.get(key) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= limit) {
      this.times.set(key, recent);
      return Math.max(1, recent[recent.length - limit] + windowMs - now);
    }
    recent.push(now);
    this.times.set(key, recent);
    return 0;
  }
}
