import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { DataSource } from 'typeorm';
import { DEFAULT_AUTH_LIMITS, type AuthSettings } from './auth.config.js';
import { OidcSignInService } from './oidc-sign-in.service.js';
import type { SessionService } from './session.service.js';
import type { LinkedAccount, StaffAccountsRepository } from './staff-accounts.repository.js';
import { TokenService } from './token.service.js';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * The node's side of the authorization-code flow, against a provider of the
 * test's own on loopback (its keys and its token endpoint): what the node
 * sends, and each ID token it must refuse.
 */
describe('OidcSignInService', () => {
  let server: Server;
  let base = '';
  let key: Key;
  let stranger: Key;
  /** What the token endpoint answers next, and what it was sent. */
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  let sent: { authorization?: string; form?: URLSearchParams } = {};
  const issuer = 'https://sso.kepriprov.example/realms/ppa';
  const clientId = 'rujukan-intake';
  const agency = 'uptd-ppa-tanjungpinang';

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    key = pair.privateKey;
    stranger = (await generateKeyPair('ES256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/certs') return res.end(JSON.stringify({ keys: [jwk] }));
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        sent = { authorization: req.headers.authorization, form: new URLSearchParams(body) };
        res.statusCode = answer.status;
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const settings = (): AuthSettings => ({
    agency,
    tokenSecret: 'x'.repeat(40),
    tokenTtlSeconds: 900,
    ...DEFAULT_AUTH_LIMITS,
    oidc: {
      issuer,
      audience: 'rujukan-api',
      jwksUri: `${base}/certs`,
      roleClaim: 'rujukan_role',
      agencyClaim: 'rujukan_agency',
      signIn: {
        clientId,
        clientSecret: 'the secret',
        redirectUri: 'https://intake.example/',
        providerName: 'SSO',
        scope: 'openid profile',
        authorizationEndpoint: `${base}/authorize`,
        tokenEndpoint: `${base}/token`,
      },
    },
  });

  /** The sign-ins under way, as the `oidc_sign_in` table would keep them. */
  let pending: Map<string, { nonce: string; verifier: string; expired: boolean }>;
  let denied: Array<{ staffId: string }>;
  let started: Array<[string, string, number]>;
  let accountsMade: LinkedAccount[];
  let service: OidcSignInService;

  beforeEach(() => {
    pending = new Map();
    denied = [];
    started = [];
    accountsMade = [];
    const dataSource = {
      query: (sql: string, params: unknown[] = []) => {
        if (sql.startsWith('INSERT INTO oidc_sign_in')) {
          pending.set(params[0] as string, { nonce: params[1] as string, verifier: params[2] as string, expired: false });
          return Promise.resolve([]);
        }
        if (sql.includes('WHERE state_hash')) {
          const row = pending.get(params[0] as string);
          pending.delete(params[0] as string);
          return Promise.resolve([row ? [row] : [], row ? 1 : 0]);
        }
        return Promise.resolve([]);
      },
      getRepository: () => ({ insert: (row: { staffId: string }) => Promise.resolve(void denied.push(row)) }),
      transaction: <T>(work: (manager: unknown) => Promise<T>) => work({}),
    } as unknown as DataSource;
    const accounts = {
      findLinked: () => Promise.resolve(accountsMade[0]),
      insertLinked: (_m: unknown, input: { role: LinkedAccount['role'] }) => {
        const made = { id: 'account-1', role: input.role, disabled: false, tokenVersion: 0 };
        accountsMade.push(made);
        return Promise.resolve(made);
      },
      raiseAlert: () => Promise.resolve(),
      update: () => Promise.resolve(),
    } as unknown as StaffAccountsRepository;
    const sessions = {
      start: (id: string, role: string, version: number) => {
        started.push([id, role, version]);
        return Promise.resolve({ accessToken: 'a', expiresIn: 900, role, refreshToken: 'r', idleSeconds: 1800 });
      },
    } as unknown as SessionService;
    const s = settings();
    service = new OidcSignInService(dataSource, accounts, new TokenService(s), sessions, s);
  });

  /** Starts a sign-in: the state and nonce the provider would send back. */
  async function start() {
    const url = new URL((await service.start()).authorizationUrl);
    return { state: url.searchParams.get('state')!, nonce: url.searchParams.get('nonce')!, url };
  }

  async function idToken(
    nonce: string,
    o: { aud?: string; iss?: string; exp?: number | string; key?: Key; claims?: Record<string, unknown> } = {},
  ) {
    return new SignJWT({ nonce, rujukan_role: 'case-worker', rujukan_agency: agency, name: 'Rina', ...(o.claims ?? {}) })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('rina')
      .setIssuer(o.iss ?? issuer)
      .setAudience(o.aud ?? clientId)
      .setIssuedAt()
      .setExpirationTime(o.exp ?? '5m')
      .sign(o.key ?? key);
  }

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => 'signed in',
      (err: unknown) => (err instanceof HttpException ? (err.getResponse() as { refusal?: string }).refusal : String(err)),
    );

  it('asks for a code with PKCE (S256), keeps only the state’s hash, and sends the verifier with the code', async () => {
    const { state, nonce, url } = await start();
    expect(url.origin + url.pathname).toBe(`${base}/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const kept = pending.get(sha256(state))!;
    expect(kept.nonce).toBe(nonce);
    expect(url.searchParams.get('code_challenge')).toBe(sha256(kept.verifier));
    answer = { status: 200, body: { id_token: await idToken(nonce), access_token: 'x', token_type: 'Bearer' } };
    await expect(service.finish({ code: 'the-code', state })).resolves.toMatchObject({ role: 'case-worker', refreshToken: 'r' });
    expect(Object.fromEntries(sent.form!)).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'https://intake.example/',
      code_verifier: kept.verifier,
    });
    expect(sent.authorization).toBe(`Basic ${Buffer.from(`${clientId}:the%20secret`).toString('base64')}`);
    expect(started).toEqual([['account-1', 'case-worker', 0]]);
    // The same state again: gone.
    expect(await refusal(service.finish({ code: 'the-code', state }))).toBe('unknown-state');
  });

  it('refuses an ID token with another nonce, audience, issuer or key, an expired one, and another agency or no role', async () => {
    const cases: Array<[string, (nonce: string) => Promise<string>]> = [
      ['invalid-token', () => idToken('another nonce')],
      ['invalid-token', (n) => idToken(n, { aud: 'another-client' })],
      ['invalid-token', (n) => idToken(n, { claims: { azp: 'another-client' } })],
      ['invalid-token', (n) => idToken(n, { iss: 'https://elsewhere.example' })],
      ['invalid-token', (n) => idToken(n, { key: stranger })],
      ['expired', (n) => idToken(n, { exp: Math.floor(Date.now() / 1000) - 60 })],
      ['wrong-agency', (n) => idToken(n, { claims: { rujukan_agency: 'uptd-ppa-lombok-timur' } })],
      ['no-role', (n) => idToken(n, { claims: { rujukan_role: 'owner' } })],
    ];
    for (const [want, make] of cases) {
      const { state, nonce } = await start();
      answer = { status: 200, body: { id_token: await make(nonce) } };
      expect({ want, got: await refusal(service.finish({ code: 'c', state })) }).toEqual({ want, got: want });
    }
    expect(started).toEqual([]);
    expect(accountsMade).toEqual([]);
    expect(denied.length).toBe(cases.length);
  });

  it('refuses an unknown state, an expired one, and a code the provider does not take', async () => {
    expect(await refusal(service.finish({ code: 'c', state: 'x'.repeat(43) }))).toBe('unknown-state');
    const late = await start();
    pending.get(sha256(late.state))!.expired = true;
    expect(await refusal(service.finish({ code: 'c', state: late.state }))).toBe('expired');
    const refused = await start();
    answer = { status: 400, body: { error: 'invalid_grant' } };
    expect(await refusal(service.finish({ code: 'c', state: refused.state }))).toBe('provider-refused');
    expect(started).toEqual([]);
  });
});
