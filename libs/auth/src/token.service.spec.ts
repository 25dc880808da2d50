import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { DEFAULT_AUTH_LIMITS } from './auth.config.js';
import { InvalidToken, TokenService } from './token.service.js';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A test identity provider: keys generated here, published on a loopback JWKS endpoint. */
describe('TokenService', () => {
  let server: Server;
  let jwksUri: string;
  let privateKey: Key;
  let strangerKey: Key;
  const issuer = 'https://sso.kepriprov.example/realms/ppa';
  const audience = 'rujukan-shelter';

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    strangerKey = (await generateKeyPair('ES256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const service = () =>
    new TokenService({
      agency: 'rumah-aman-tanjungpinang',
      tokenSecret: 'x'.repeat(40),
      tokenTtlSeconds: 900,
      ...DEFAULT_AUTH_LIMITS,
      oidc: { issuer, audience, jwksUri, roleClaim: 'rujukan_role', agencyClaim: 'rujukan_agency' },
    });

  async function idpToken(
    overrides: { iss?: string; aud?: string; exp?: string | number; key?: Key; claims?: Record<string, unknown> } = {},
  ) {
    return new SignJWT({ rujukan_role: 'case-worker', rujukan_agency: 'rumah-aman-tanjungpinang', ...(overrides.claims ?? {}) })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('staff-7')
      .setIssuer(overrides.iss ?? issuer)
      .setAudience(overrides.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime(overrides.exp ?? '5m')
      .sign(overrides.key ?? privateKey);
  }

  it('accepts a token from the identity provider, checked against its published keys', async () => {
    await expect(service().verify(await idpToken())).resolves.toEqual({
      staffId: 'oidc:staff-7',
      role: 'case-worker',
      agency: 'rumah-aman-tanjungpinang',
      issuer,
    });
  });

  it.each([
    ['a wrong issuer', { iss: 'https://evil.example/' }, 'token from an unknown issuer'],
    ['a wrong audience', { aud: 'rujukan-intake' }, 'token claim "aud" is not accepted'],
    ['a wrong signature', { key: undefined as unknown as Key, stranger: true }, 'token signature is not valid'],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 60 }, 'token expired'],
    ['another agency', { claims: { rujukan_agency: 'rsud-tanjungpinang' } }, 'token is for another agency'],
    ['an unknown role', { claims: { rujukan_role: 'superuser' } }, 'token has no known role'],
  ])('refuses %s', async (_, overrides, reason) => {
    const token = await idpToken({ ...overrides, key: 'stranger' in overrides ? strangerKey : undefined });
    await expect(service().verify(token)).rejects.toEqual(new InvalidToken(reason));
  });

  it('issues short-lived local tokens and verifies them; a forged one fails', async () => {
    const { accessToken, expiresIn } = await service().issue('3f1e', 'supervisor');
    expect(expiresIn).toBe(900);
    await expect(service().verify(accessToken)).resolves.toMatchObject({ staffId: '3f1e', role: 'supervisor', issuer: 'local' });
    const forged = new TokenService({
      agency: 'rumah-aman-tanjungpinang',
      tokenSecret: 'y'.repeat(40),
      tokenTtlSeconds: 900,
      ...DEFAULT_AUTH_LIMITS,
    });
    await expect(service().verify((await forged.issue('3f1e', 'agency-admin')).accessToken)).rejects.toEqual(
      new InvalidToken('token signature is not valid'),
    );
    await expect(service().verify('not-a-token')).rejects.toBeInstanceOf(InvalidToken);
  });
});
