import { ConfigError } from '@rujukan/messaging';

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
}

/** Reads sign-in settings; throws one ConfigError naming every wrong variable. */
export function authSettingsFromEnv(agency: string, env: Record<string, string | undefined> = process.env): AuthSettings {
  const problems: string[] = [];
  const tokenSecret = env.AUTH_TOKEN_SECRET ?? '';
  if (tokenSecret.length < 32) problems.push('AUTH_TOKEN_SECRET must be a secret of at least 32 characters (e.g. openssl rand -hex 32)');
  const ttl = Number(env.AUTH_TOKEN_TTL_SECONDS ?? 900);
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > 12 * 3600) problems.push('AUTH_TOKEN_TTL_SECONDS must be a whole number from 60 to 43200');
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
    if (!/^https?:\/\//.test(oidc.jwksUri)) problems.push('OIDC_JWKS_URI must be the provider\'s jwks_uri (https://...)');
  }
  if (problems.length) throw new ConfigError(problems);
  return { agency, tokenSecret, tokenTtlSeconds: ttl, oidc };
}
