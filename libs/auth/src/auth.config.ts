import { number, readConfig, section, setting } from '@rujukan/contracts';
import type { ConfigSchema, Env } from '@rujukan/contracts';
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

const atLeast = (name: string, fallback: number, min: number) =>
  number(name, { default: fallback, blank: 'value', whole: true, min, problem: `${name} must be a whole number of at least ${min}` });

/** The variables of sign-in, for every node (docs/nodes). */
export const AUTH_SCHEMA = {
  tokenSecret: setting((env, report) => {
    const secret = env.AUTH_TOKEN_SECRET ?? '';
    if (secret.length < 32) report('AUTH_TOKEN_SECRET must be a secret of at least 32 characters (e.g. openssl rand -hex 32)');
    else if (/change-me|local-trial|example/i.test(secret))
      report('AUTH_TOKEN_SECRET is a placeholder: generate one (openssl rand -hex 32)');
    return secret;
  }),
  tokenTtlSeconds: number('AUTH_TOKEN_TTL_SECONDS', {
    default: 900,
    blank: 'value',
    whole: true,
    min: 60,
    max: 3600,
    problem: 'AUTH_TOKEN_TTL_SECONDS must be a whole number from 60 to 3600 (tokens are not revoked: keep them short)',
  }),
  oidc: setting((env, report): OidcSettings | undefined => {
    if (!env.OIDC_ISSUER) return undefined;
    const oidc: OidcSettings = {
      issuer: env.OIDC_ISSUER,
      audience: env.OIDC_AUDIENCE ?? '',
      jwksUri: env.OIDC_JWKS_URI ?? '',
      roleClaim: env.OIDC_ROLE_CLAIM ?? 'rujukan_role',
      agencyClaim: env.OIDC_AGENCY_CLAIM ?? 'rujukan_agency',
    };
    if (!oidc.audience) report('OIDC_AUDIENCE is required with OIDC_ISSUER');
    // Over plain http anyone on the way could hand the node keys of their own, and sign in as anyone.
    if (!/^https:\/\/[^/]/.test(oidc.jwksUri)) report("OIDC_JWKS_URI must be the provider's jwks_uri over https (https://...)");
    return oidc;
  }),
  signInPolicy: section({
    freeFailures: atLeast('AUTH_FREE_FAILURES', DEFAULT_SIGN_IN_POLICY.freeFailures, 1),
    baseDelayMs: atLeast('AUTH_SLOWDOWN_BASE_MS', DEFAULT_SIGN_IN_POLICY.baseDelayMs, 1),
    lockAfter: atLeast('AUTH_LOCK_AFTER', DEFAULT_SIGN_IN_POLICY.lockAfter, 2),
  }),
} satisfies ConfigSchema;

/** Reads sign-in settings; throws one ConfigError naming every wrong variable. */
export function authSettingsFromEnv(agency: string, env: Env = process.env): AuthSettings {
  return { agency, ...readConfig(AUTH_SCHEMA, env) };
}
