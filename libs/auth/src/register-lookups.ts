import { createHmac, hkdfSync } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessRecord } from './access-record.entity.js';
import { DEFAULT_REGISTER_LOOKUPS, type AuthSettings } from './auth.config.js';
import { AUTH_CLOCK, AUTH_SETTINGS, type Clock } from './auth.constants.js';
import type { Principal } from './roles.js';
import { SlidingWindow } from './sign-in-limits.js';

export const REGISTER_LOOKUP = 'rujukan:register-lookup';

/** What a route looks up in the register, read from the request's body as sent (before validation): the NIKs. */
export type LookupKeys = (body: unknown) => readonly unknown[];

/**
 * The route looks the body up against the register (duplicates, a known
 * NIK): limited per staff member (REGISTER_LOOKUPS per
 * REGISTER_LOOKUP_WINDOW_SECONDS) and recorded in the access record as a
 * `register-lookup`, with the NIKs only as keyed digests.
 */
export const RegisterLookup = (keys: LookupKeys) => SetMetadata(REGISTER_LOOKUP, keys);

/** The access record's row of one look-up (written by the guard when refused, by the interceptor otherwise). */
export interface LookupNote {
  resourceId: string | null;
}

/**
 * The register's look-ups, per staff member: a sliding window in memory
 * (10,000 staff at most), so the form cannot be used to ask, one NIK after
 * another, who has been reported. A refused look-up answers 429 with
 * Retry-After, stores nothing, and is recorded (`denied`).
 */
@Injectable()
export class RegisterLookups {
  private readonly windows = new SlidingWindow(10_000);
  private readonly digestKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {
    this.digestKey = Buffer.from(hkdfSync('sha256', settings.tokenSecret, `rujukan-lookup:${settings.agency}`, 'nik digest', 32));
  }

  /**
   * A NIK as the access record names it: 16 hex digits of an HMAC under a key
   * derived from the node's secret (the same NIK reads the same, so repeated
   * look-ups of one person show; the NIK itself cannot be read back without the node's secret).
   */
  digest(nik: string): string {
    return `nik:${createHmac('sha256', this.digestKey).update(nik).digest('hex').slice(0, 16)}`;
  }

  /** Counts her look-up; throws 429 (recorded as denied) past the limit. */
  async admit(
    req: { body?: unknown; method: string; route?: { path?: string }; ip?: string; res?: { setHeader(n: string, v: string): void } },
    principal: Principal,
    keys: LookupKeys,
  ): Promise<LookupNote> {
    let found: readonly unknown[];
    try {
      found = keys(req.body);
    } catch {
      found = [];
    }
    const niks = [...new Set(found.filter((k): k is string => typeof k === 'string' && k.trim() !== '').map((k) => k.trim()))];
    const note: LookupNote = {
      resourceId: niks.length
        ? niks
            .slice(0, 20)
            .map((n) => this.digest(n))
            .join(',')
        : null,
    };
    const { lookups, windowMs } = this.settings.registerLookups ?? DEFAULT_REGISTER_LOOKUPS;
    const waitMs = this.windows.take(principal.staffId, this.clock.now().getTime(), lookups, windowMs);
    if (!waitMs) return note;
    await this.dataSource.getRepository(AccessRecord).insert({
      staffId: principal.staffId,
      role: principal.role,
      action: 'read',
      resource: 'register-lookup',
      resourceId: note.resourceId,
      route: `${req.method} ${req.route?.path ?? ''}`,
      fromAddress: req.ip ?? null,
      notOwner: false,
      outcome: 'denied',
    });
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    req.res?.setHeader('Retry-After', String(retryAfterSeconds));
    throw new HttpException(
      {
        statusCode: 429,
        message: `too many look-ups against the register (${lookups} in ${Math.round(windowMs / 1000)} s): wait and try again; nothing was saved`,
        retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
