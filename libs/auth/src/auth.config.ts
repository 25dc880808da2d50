import { ConfigError } from '@rujukan/messaging';
import { DEFAULT_SIGN_IN_POLICY, type SignInPolicy } from './sign-in-policy.js';

export interface OidcSettings {
  issuer: string;
  audience: string;
  /** The provider's published keys (its `jwks_uri`). */
  jwksUri: string;
  /** Claim holding the staff role (one of ROLES). */
  roleClaim: string;
  /** Claim holding the agency id; must equal this node's agency. */
  agencyClaim: string;
}

export interface AuthSettings {
  agency: string;
  /** HMAC secret of this node's own short-lived tokens (local accounts). */
  tokenSecret: string;
  tokenTtlSeconds: number;
  oidc?: OidcSettings;
  signInPolicy: SignInPolicy;
}

/** Reads sign-in settings; throws one ConfigError naming every wrong variable. */
export function authSettingsFromEnv(agency: string, env: Record<string, string | undefined> = process.env): AuthSettings {
  const problems: string[] = [];
  const tokenSecret = env.AUTH_TOKEN_SECRET ?? '';
  if (tokenSecret.length < 32) problems.push('AUTH_TOKEN_SECRET must be a secret of at least 32 characters (e.g. openssl rand -hex 32)');
  else if (/change-me|local-trial|example/i.test(tokenSecret))
    problems.push('AUTH_TOKEN_SECRET is a placeholder: generate one (openssl rand -hex 32)');
  const ttl = Number(env.AUTH_TOKEN_TTL_SECONDS ?? 900);
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > 3600)
    problems.push('AUTH_TOKEN_TTL_SECONDS must be a whole number from 60 to 3600 (tokens are not revoked: keep them short)');
  let oidc: OidcSettings | undefined;
  if (env.OIDC_ISSUER) {
    oidc = {
      issuer: env.OIDC_ISSUER,
      audience: env.OIDC_AUDIENCE ?? '',
      jwksUri: env.OIDC_JWKS_URI ?? '',
      roleClaim: env.OIDC_ROLE_CLAIM ?? 'rujukan_role',
      agencyClaim: env.OIDC_AGENCY_CLAIM ?? 'rujukan_agency',
    };
    if (!oidc.audience) problems.push('OIDC_AUDIENCE is required with OIDC_ISSUER');
    if (!/^https?:\/\//.test(oidc.jwksUri)) problems.push("OIDC_JWKS_URI must be the provider's jwks_uri (https://...)");
  }
  const int = (name: string, fallback: number, min: number) => {
    const v = Number(env[name] ?? fallback);
    if (!Number.isInteger(v) || v < min) problems.push(`${name} must be a whole number of at least ${min}`);
    return v;
  };
  const signInPolicy: SignInPolicy = {
    freeFailures: int('AUTH_FREE_FAILURES', DEFAULT_SIGN_IN_POLICY.freeFailures, 1),
    baseDelayMs: int('AUTH_SLOWDOWN_BASE_MS', DEFAULT_SIGN_IN_POLICY.baseDelayMs, 1),
    lockAfter: int('AUTH_LOCK_AFTER', DEFAULT_SIGN_IN_POLICY.lockAfter, 2),
  };
  if (problems.length) throw new ConfigError(problems);
  return { agency, tokenSecret, tokenTtlSeconds: ttl, oidc, signInPolicy };
}
