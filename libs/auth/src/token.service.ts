import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { AuthSettings } from './auth.config.js';
import { OidcDiscovery } from './oidc-discovery.js';
import { ROLES, type Principal, type Role, type SignInStep } from './roles.js';

/** A token that only finishes signing in lives at most five minutes. */
const STEP_TTL_SECONDS = 300;
const STEPS: readonly SignInStep[] = ['change-password', 'enrol-second-factor'];

/** Why a token was refused; never echoes the token. */
export class InvalidToken extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidToken';
  }
}

const LOCAL_ISSUER = (agency: string) => `rujukan:${agency}`;

/**
 * Issues this node's own short-lived tokens (local accounts) and verifies
 * bearer tokens: this node's, or an OpenID Connect provider's (issuer,
 * audience, expiry and signature against its published keys).
 */
export class TokenService {
  private readonly secret: Uint8Array;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly settings: AuthSettings,
    readonly discovery = new OidcDiscovery(settings.oidc),
  ) {
    this.secret = new TextEncoder().encode(settings.tokenSecret);
  }

  /** The provider's keys (its jwks_uri, as configured or discovered). */
  private async keys(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    if (this.jwks) return this.jwks;
    const { jwksUri } = await this.discovery.endpoints().catch(() => {
      throw new InvalidToken("the provider's keys cannot be read");
    });
    return (this.jwks ??= createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 30000 }));
  }

  /**
   * A local token: `ver` is the account's token version (the guard refuses it
   * once the version moved on); `step`, if set, limits it to finishing sign-in.
   */
  async issue(
    staffId: string,
    role: Role,
    options: { tokenVersion?: number; step?: SignInStep; sessionId?: string } = {},
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const ttl = options.step ? Math.min(STEP_TTL_SECONDS, this.settings.tokenTtlSeconds) : this.settings.tokenTtlSeconds;
    const accessToken = await new SignJWT({
      role,
      agency: this.settings.agency,
      ver: options.tokenVersion ?? 0,
      ...(options.step ? { step: options.step } : {}),
      ...(options.sessionId ? { sid: options.sessionId } : {}),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(staffId)
      .setIssuer(LOCAL_ISSUER(this.settings.agency))
      .setAudience(this.settings.agency)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(this.secret);
    return { accessToken, expiresIn: ttl };
  }

  async verify(token: string): Promise<Principal> {
    const issuer = peekIssuer(token);
    if (issuer === LOCAL_ISSUER(this.settings.agency)) {
      const { payload } = await this.check(() =>
        jwtVerify(token, this.secret, { issuer, audience: this.settings.agency, algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] }),
      );
      const principal = this.principal(payload, 'role', 'agency', 'local');
      if (typeof payload.ver !== 'number') throw new InvalidToken('token has no version');
      if (payload.step !== undefined && !STEPS.includes(payload.step as SignInStep))
        throw new InvalidToken('token claim "step" is not accepted');
      if (payload.sid !== undefined && typeof payload.sid !== 'string') throw new InvalidToken('token claim "sid" is not accepted');
      return {
        ...principal,
        tokenVersion: payload.ver,
        ...(payload.step ? { step: payload.step as SignInStep } : {}),
        ...(payload.sid ? { sessionId: payload.sid } : {}),
      };
    }
    const oidc = this.settings.oidc;
    if (!oidc || issuer !== oidc.issuer) throw new InvalidToken('token from an unknown issuer');
    const payload = await this.providerToken(token, oidc.audience);
    return this.principal(payload, oidc.roleClaim, oidc.agencyClaim, oidc.issuer);
  }

  /**
   * A token signed by the provider for `audience` (an API audience, or this
   * node's client id for an ID token): signature against its published keys,
   * issuer, audience, expiry, and `azp` when present.
   */
  async providerToken(token: string, audience: string, requiredClaims: string[] = []): Promise<JWTPayload> {
    const oidc = this.settings.oidc;
    if (!oidc) throw new InvalidToken('token from an unknown issuer');
    const jwks = await this.keys();
    const { payload } = await this.check(() =>
      jwtVerify(token, jwks, {
        issuer: oidc.issuer,
        audience,
        algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
        requiredClaims: ['exp', 'sub', ...requiredClaims],
      }),
    );
    // A token issued to another client of the same provider is not one for us.
    if (payload.azp !== undefined && payload.azp !== audience) throw new InvalidToken('token claim "azp" is not accepted');
    return payload;
  }

  private async check<T>(verify: () => Promise<T>): Promise<T> {
    try {
      return await verify();
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new InvalidToken('token expired');
      if (err instanceof errors.JWTClaimValidationFailed) throw new InvalidToken(`token claim "${err.claim}" is not accepted`);
      if (err instanceof errors.JWSSignatureVerificationFailed) throw new InvalidToken('token signature is not valid');
      throw new InvalidToken('token is not valid');
    }
  }

  private principal(payload: JWTPayload, roleClaim: string, agencyClaim: string, issuer: string): Principal {
    const role = payload[roleClaim];
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new InvalidToken('token has no known role');
    if (payload[agencyClaim] !== this.settings.agency) throw new InvalidToken('token is for another agency');
    // Provider subjects get their own id space: never equal to a local account's id.
    const staffId = issuer === 'local' ? payload.sub! : `oidc:${payload.sub}`;
    return { staffId, role: role as Role, agency: this.settings.agency, issuer };
  }
}

function peekIssuer(token: string): string | undefined {
  try {
    const body = token.split('.')[1];
    return (JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { iss?: string }).iss;
  } catch {
    throw new InvalidToken('token is not a JWT');
  }
}
