import { createHash, randomBytes } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessRecord } from './access-record.entity.js';
import type { AuthSettings, OidcSettings, OidcSignInSettings } from './auth.config.js';
import { AUTH_SETTINGS } from './auth.constants.js';
import { ALERTED_ROLES, ROLES, type Role } from './roles.js';
import { SessionService, type SessionAnswer } from './session.service.js';
import { StaffAccountsRepository, type LinkedAccount } from './staff-accounts.repository.js';
import { InvalidToken, TokenService } from './token.service.js';

/** Why a sign-in through the provider was refused: the console shows each in the page's language. */
export type OidcRefusal =
  'unknown-state' | 'expired' | 'provider-refused' | 'provider-unavailable' | 'invalid-token' | 'wrong-agency' | 'no-role' | 'disabled';

/** A sign-in started and not finished in ten minutes is gone. */
export const OIDC_SIGN_IN_TTL_SECONDS = 600;

const STATUS: Record<OidcRefusal, HttpStatus> = {
  'unknown-state': HttpStatus.UNAUTHORIZED,
  expired: HttpStatus.UNAUTHORIZED,
  'provider-refused': HttpStatus.UNAUTHORIZED,
  'provider-unavailable': HttpStatus.BAD_GATEWAY,
  'invalid-token': HttpStatus.UNAUTHORIZED,
  'wrong-agency': HttpStatus.FORBIDDEN,
  'no-role': HttpStatus.FORBIDDEN,
  disabled: HttpStatus.FORBIDDEN,
};
const MESSAGE: Record<OidcRefusal, string> = {
  'unknown-state': 'this sign-in is unknown or was already used: start again',
  expired: 'this sign-in took too long: start again',
  'provider-refused': 'the identity provider did not confirm this sign-in',
  'provider-unavailable': 'the identity provider cannot be reached: try again later',
  'invalid-token': "the identity provider's answer could not be verified",
  'wrong-agency': "the identity provider's account belongs to another agency",
  'no-role': "the identity provider's account has no role at this agency",
  disabled: 'this account is disabled: ask your agency administrator',
};

const refuse = (refusal: OidcRefusal) =>
  new HttpException({ statusCode: STATUS[refusal], message: MESSAGE[refusal], refusal }, STATUS[refusal]);

const newSecret = () => randomBytes(32).toString('base64url');
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * "Sign in with <provider>": the OpenID Connect authorization-code flow with
 * PKCE (S256), done by the node. `start` keeps the state (as its hash), the
 * nonce and the code verifier in `oidc_sign_in` (ten minutes, taken once);
 * `finish` spends the state, exchanges the code at the provider's token
 * endpoint with the client's secret, verifies the ID token (signature,
 * issuer, audience, expiry, nonce), maps its role and agency claims, links
 * the staff account by issuer and subject, and starts the node's own
 * session, the same as a local sign-in's.
 */
@Injectable()
export class OidcSignInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: StaffAccountsRepository,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  /** What the console offers: local accounts always, and the provider when this node is its client. */
  providers(): { local: boolean; providers: Array<{ id: string; name: string }> } {
    const signIn = this.settings.oidc?.signIn;
    return { local: true, providers: signIn ? [{ id: 'oidc', name: signIn.providerName }] : [] };
  }

  async start(): Promise<{ authorizationUrl: string; expiresIn: number }> {
    const { signIn } = this.configured();
    const endpoints = await this.tokens.discovery.endpoints().catch(() => {
      throw refuse('provider-unavailable');
    });
    const state = newSecret();
    const nonce = newSecret();
    const verifier = newSecret();
    await this.dataSource.query(`DELETE FROM oidc_sign_in WHERE expires_at <= now()`);
    await this.dataSource.query(
      `INSERT INTO oidc_sign_in (state_hash, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [sha256(state), nonce, verifier, OIDC_SIGN_IN_TTL_SECONDS],
    );
    const url = new URL(endpoints.authorizationEndpoint);
    for (const [k, v] of Object.entries({
      response_type: 'code',
      client_id: signIn.clientId,
      redirect_uri: signIn.redirectUri,
      scope: signIn.scope,
      state,
      nonce,
      code_challenge: sha256(verifier),
      code_challenge_method: 'S256',
    }))
      url.searchParams.set(k, v);
    return { authorizationUrl: url.toString(), expiresIn: OIDC_SIGN_IN_TTL_SECONDS };
  }

  async finish(input: { code: string; state: string }, fromAddress: string | null = null): Promise<SessionAnswer> {
    let subject: string | undefined;
    try {
      const { oidc, signIn } = this.configured();
      // Taken once: a second callback with the same state finds nothing.
      const [rows] = await this.dataSource.query<[Array<{ nonce: string; verifier: string; expired: boolean }>, number]>(
        `DELETE FROM oidc_sign_in WHERE state_hash = $1 RETURNING nonce, code_verifier AS verifier, expires_at <= now() AS expired`,
        [sha256(input.state)],
      );
      const pending = rows[0];
      if (!pending) throw refuse('unknown-state');
      if (pending.expired) throw refuse('expired');
      const idToken = await this.exchange(signIn, input.code, pending.verifier);
      const claims = await this.tokens.providerToken(idToken, signIn.clientId, ['iat', 'nonce']).catch((err: unknown) => {
        throw refuse(err instanceof InvalidToken && err.message === 'token expired' ? 'expired' : 'invalid-token');
      });
      if (claims.nonce !== pending.nonce) throw refuse('invalid-token');
      subject = claims.sub!;
      if (claims[oidc.agencyClaim] !== this.settings.agency) throw refuse('wrong-agency');
      const role = claims[oidc.roleClaim];
      if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw refuse('no-role');
      const name = [claims.name, claims.preferred_username, subject].find((v): v is string => typeof v === 'string' && v.length > 0)!;
      const account = await this.link(oidc.issuer, subject, name.slice(0, 200), role as Role);
      if (account.disabled) throw refuse('disabled');
      return await this.sessions.start(account.id, account.role, account.tokenVersion);
    } catch (outcome) {
      if (outcome instanceof HttpException) {
        // Refused sign-ins go into the access record, as local ones do (the provider's subject, never a token).
        await this.dataSource.getRepository(AccessRecord).insert({
          staffId: subject ? `oidc:${subject}`.slice(0, 200) : 'oidc:-',
          role: '-',
          action: 'write',
          resource: 'sign-in',
          resourceId: null,
          route: 'POST /auth/oidc/callback',
          fromAddress,
          notOwner: false,
          outcome: 'denied',
        });
      }
      throw outcome;
    }
  }

  private configured(): { oidc: OidcSettings; signIn: OidcSignInSettings } {
    const oidc = this.settings.oidc;
    if (!oidc?.signIn) throw new NotFoundException('this node signs in with local accounts only');
    return { oidc, signIn: oidc.signIn };
  }

  /** The code for tokens at the provider's token endpoint (client_secret_basic, with the PKCE verifier). */
  private async exchange(signIn: OidcSignInSettings, code: string, verifier: string): Promise<string> {
    const { tokenEndpoint } = await this.tokens.discovery.endpoints().catch(() => {
      throw refuse('provider-unavailable');
    });
    const basic = Buffer.from(`${encodeURIComponent(signIn.clientId)}:${encodeURIComponent(signIn.clientSecret)}`).toString('base64');
    const res = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: signIn.redirectUri, code_verifier: verifier }),
      signal: AbortSignal.timeout(10_000),
    }).catch(() => {
      throw refuse('provider-unavailable');
    });
    const body = (await res.json().catch(() => ({}))) as { id_token?: unknown };
    if (!res.ok) throw refuse('provider-refused');
    if (typeof body.id_token !== 'string') throw refuse('invalid-token');
    return body.id_token;
  }

  /**
   * The staff account of the provider's subject: made at the first sign-in;
   * the provider decides the role, and a changed role ends the account's
   * earlier sessions (and raises an alert, as a grant of those roles does).
   */
  private link(issuer: string, subject: string, displayName: string, role: Role): Promise<LinkedAccount> {
    return this.dataSource.transaction(async (manager) => {
      let account = await this.accounts.findLinked(manager, issuer, subject);
      if (!account) {
        const username = `oidc:${sha256(`${issuer} ${subject}`).slice(0, 22)}`;
        account =
          (await this.accounts.insertLinked(manager, { issuer, subject, username, displayName, role })) ??
          (await this.accounts.findLinked(manager, issuer, subject))!;
        if (account.role === role && ALERTED_ROLES.includes(role))
          await this.accounts.raiseAlert(manager, { kind: 'oidc-account', staffId: account.id, role, byStaffId: `oidc:${issuer}` });
      }
      if (account.role !== role) {
        await this.accounts.update(manager, account.id, { role }, true);
        if (ALERTED_ROLES.includes(role))
          await this.accounts.raiseAlert(manager, { kind: 'oidc-role', staffId: account.id, role, byStaffId: `oidc:${issuer}` });
        account = { ...account, role, tokenVersion: account.tokenVersion + 1 };
      }
      return account;
    });
  }
}
