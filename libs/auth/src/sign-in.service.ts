import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessRecord } from './access-record.entity.js';
import type { AuthSettings } from './auth.config.js';
import { AUTH_CLOCK, AUTH_SETTINGS, type Clock } from './auth.constants.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { recoveryCodeHash } from './recovery-codes.js';
import { CASE_DATA_ROLES, type Role, type SignInStep } from './roles.js';
import { signInGate } from './sign-in-policy.js';
import { UnknownUsernameFailures } from './sign-in-limits.js';
import { StaffAccountsRepository, type SignInAccount } from './staff-accounts.repository.js';
import { matchTotp } from './totp.js';
import { TotpSecrets } from './totp-secrets.js';
import { TokenService } from './token.service.js';
import { SessionService } from './session.service.js';

export interface SignInAnswer {
  accessToken: string;
  expiresIn: number;
  role: Role;
  /** Present when the token may only finish signing in: what to do next. */
  next?: SignInStep;
  /** A full sign-in: the session's refresh token, for POST /auth/refresh (single use). */
  refreshToken?: string;
  /** With the refresh token: how long the session lasts without a refresh. */
  idleSeconds?: number;
}

const tooMany = (message: string, retryAfterMs: number) =>
  new HttpException(
    { statusCode: 429, message, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) },
    HttpStatus.TOO_MANY_REQUESTS,
  );

/**
 * Local sign-in. The password is hashed outside any transaction: each step
 * that touches the database is one short statement, so a burst of sign-ins
 * (scrypt, about 100 ms and 32 MiB each) holds no pooled connection and no
 * row lock while it hashes. Failures are counted per username tried (accounts
 * in `sign_in_attempt`, unknown usernames in a bounded memory map), one attempt
 * per username at a time, after the per-address limit (SignInAddressGuard).
 */
@Injectable()
export class SignInService {
  private readonly inFlight = new Set<string>();
  /** Attempts hashing a password right now (for tests and /health). */
  hashing = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: StaffAccountsRepository,
    private readonly unknown: UnknownUsernameFailures,
    private readonly tokens: TokenService,
    private readonly secrets: TotpSecrets,
    private readonly sessions: SessionService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {}

  async signIn(
    input: { username: string; password: string; code?: string; recoveryCode?: string },
    fromAddress: string | null = null,
  ): Promise<SignInAnswer> {
    const key = input.username.trim().toLowerCase().slice(0, 100);
    try {
      // Parallel guesses at one username would all pass its gate before any failure counts.
      if (this.inFlight.has(key)) throw tooMany('a sign-in for this username is under way: try again', 1000);
      this.inFlight.add(key);
      try {
        return await this.attempt(key, input);
      } finally {
        this.inFlight.delete(key);
      }
    } catch (outcome) {
      if (outcome instanceof HttpException) {
        // Refused sign-ins go into the access record too (password spraying leaves a trace); never the password.
        await this.dataSource.getRepository(AccessRecord).insert({
          staffId: `username:${key}`,
          role: '-',
          action: 'write',
          resource: 'sign-in',
          resourceId: null,
          route: 'POST /auth/sign-in',
          fromAddress,
          notOwner: false,
          outcome: 'denied',
        });
      }
      throw outcome;
    }
  }

  private async attempt(
    key: string,
    input: { username: string; password: string; code?: string; recoveryCode?: string },
  ): Promise<SignInAnswer> {
    const now = this.clock.now();
    const account = await this.accounts.findForSignIn(input.username);
    const counted = account ? await this.accounts.failures(key) : this.unknown.get(key);
    const gate = signInGate(this.settings.signInPolicy, counted.failures, counted.lastFailedAt, now);
    if (!gate.allowed && gate.reason === 'locked') {
      throw new HttpException(
        {
          statusCode: 423,
          message: 'locked after repeated failed sign-ins: try again later, or ask your agency administrator to unlock it',
          retryAfterSeconds: Math.ceil(gate.retryAfterMs / 1000),
        },
        HttpStatus.LOCKED,
      );
    }
    if (!gate.allowed) throw tooMany('too many failed sign-ins: wait and try again', gate.retryAfterMs);

    // A missing account costs the same scrypt check as a wrong password.
    this.hashing++;
    let ok: boolean;
    try {
      ok = await verifyPassword(input.password, account?.passwordHash ?? DUMMY_HASH);
    } finally {
      this.hashing--;
    }
    if (!account || !ok) {
      await this.fail(key, account, now);
      throw new UnauthorizedException('wrong username or password');
    }
    if (account.disabled) throw new UnauthorizedException('this account is disabled: ask your agency administrator');
    await this.checkSecondFactor(key, account, input, now);
    await this.accounts.clearFailures(key);

    const step: SignInStep | undefined = account.mustChangePassword
      ? 'change-password'
      : this.settings.secondFactor && CASE_DATA_ROLES.includes(account.role) && !account.totpSecret
        ? 'enrol-second-factor'
        : undefined;
    if (!step) return this.sessions.start(account.id, account.role, account.tokenVersion);
    const token = await this.tokens.issue(account.id, account.role, { tokenVersion: account.tokenVersion, step });
    return { ...token, role: account.role, next: step };
  }

  /** An account with a second factor needs a current, unused code, or an unused recovery code. */
  private async checkSecondFactor(
    key: string,
    account: SignInAccount,
    input: { code?: string; recoveryCode?: string },
    now: Date,
  ): Promise<void> {
    if (!account.totpSecret) return;
    if (!input.code && !input.recoveryCode) {
      throw new UnauthorizedException({
        statusCode: 401,
        message: 'enter the code your authenticator app shows (or a recovery code)',
        secondFactorRequired: true,
      });
    }
    let accepted: boolean;
    if (input.code) {
      const step = matchTotp(this.secrets.open(account.id, account.totpSecret), input.code, now, account.totpLastStep);
      // The step is taken atomically: the same code sent twice at once works once.
      accepted = step !== undefined && (await this.accounts.useTotpStep(account.id, step));
    } else {
      accepted = await this.accounts.useRecoveryCode(account.id, recoveryCodeHash(input.recoveryCode!));
    }
    if (!accepted) {
      await this.fail(key, account, now);
      throw new UnauthorizedException({ statusCode: 401, message: 'wrong, expired or already used code', secondFactorRequired: true });
    }
  }

  private async fail(key: string, account: SignInAccount | undefined, at: Date): Promise<void> {
    if (account) await this.accounts.countFailure(key, at);
    else this.unknown.countFailure(key, at);
  }
}
