import { flag, number, readConfig, section, setting } from '@rujukan/contracts';
import type { ConfigSchema, Env } from '@rujukan/contracts';
import { DEFAULT_SIGN_IN_POLICY, type SignInPolicy } from './sign-in-policy.js';

export interface OidcSettings {
  issuer: string;
  audience: string;
  /** The provider's published keys (its `jwks_uri`); empty: taken from its discovery document. */
  jwksUri: string;
  /** Claim holding the staff role (one of ROLES). */
  roleClaim: string;
  /** Claim holding the agency id; must equal this node's agency. */
  agencyClaim: string;
  /** The console's "Sign in with <provider>" (authorization code with PKCE), when OIDC_CLIENT_ID is set. */
  signIn?: OidcSignInSettings;
}

/** This node as a client of the provider: the console's sign-in through it. */
export interface OidcSignInSettings {
  clientId: string;
  clientSecret: string;
  /** Where the provider sends her back: this node's console (GET /), registered at the provider. */
  redirectUri: string;
  /** The provider's name on the console's button ("Sign in with <name>"). */
  providerName: string;
  scope: string;
  /** Both set: used as given; both empty: read from the issuer's discovery document. */
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

export interface AuthSettings {
  agency: string;
  /** HMAC secret of this node's own short-lived tokens (local accounts). */
  tokenSecret: string;
  tokenTtlSeconds: number;
  oidc?: OidcSettings;
  signInPolicy: SignInPolicy;
  /** A second factor (TOTP) for every role that sees case data (CASE_DATA_ROLES). */
  secondFactor: boolean;
  /** Sign-in attempts one address may make per window, before any username is looked at. */
  addressLimit: { attempts: number; windowMs: number };
  /** Failure counts of usernames that are no account: kept in memory, at most this many (least recently tried dropped first). */
  unknownUsernamesKept: number;
  /** Refresh-token sessions: ended after this long without a refresh, and after this long whatever (default DEFAULT_SESSION). */
  session?: { idleSeconds: number; maxSeconds: number };
  /** Look-ups against the register (a NIK checked for duplicates) one staff member may make in any window (default DEFAULT_REGISTER_LOOKUPS). */
  registerLookups?: { lookups: number; windowMs: number };
}

/** 30 registrations (or tries at one) in any 10 minutes: more than a case worker makes, fewer than a probe needs. */
export const DEFAULT_REGISTER_LOOKUPS = { lookups: 30, windowMs: 600_000 };

/** The limits' defaults, for code that builds settings by hand (tests). */
export const DEFAULT_AUTH_LIMITS: Pick<AuthSettings, 'signInPolicy' | 'secondFactor' | 'addressLimit' | 'unknownUsernamesKept'> = {
  signInPolicy: DEFAULT_SIGN_IN_POLICY,
  secondFactor: false,
  addressLimit: { attempts: 60, windowMs: 60_000 },
  unknownUsernamesKept: 10_000,
};

const HTTPS = /^https:\/\/[^/]/;
const LOOPBACK_HTTP = /^http:\/\/(127\.\d+\.\d+\.\d+|\[::1\]|localhost)(:\d+)?\//;
const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

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
    problem: 'AUTH_TOKEN_TTL_SECONDS must be a whole number from 60 to 3600 (a disable or role change ends them at once; keep them short)',
  }),
  oidc: setting((env, report): OidcSettings | undefined => {
    const clientId = env.OIDC_CLIENT_ID?.trim() ?? '';
    if (!env.OIDC_ISSUER) {
      if (clientId) report('OIDC_CLIENT_ID needs OIDC_ISSUER (the provider to sign in with)');
      return undefined;
    }
    const oidc: OidcSettings = {
      issuer: env.OIDC_ISSUER,
      audience: env.OIDC_AUDIENCE ?? '',
      jwksUri: env.OIDC_JWKS_URI?.trim() ?? '',
      roleClaim: env.OIDC_ROLE_CLAIM ?? 'rujukan_role',
      agencyClaim: env.OIDC_AGENCY_CLAIM ?? 'rujukan_agency',
    };
    if (!oidc.audience) report('OIDC_AUDIENCE is required with OIDC_ISSUER');
    // Over plain http anyone on the way could hand the node keys of their own, and sign in as anyone.
    // A provider with a private CA: its certificate in NODE_EXTRA_CA_CERTS (Node's own CA file), never plain http.
    if (oidc.jwksUri ? !HTTPS.test(oidc.jwksUri) : !clientId)
      report("OIDC_JWKS_URI must be the provider's jwks_uri over https (https://...)");
    if (!clientId) return oidc;
    const signIn: OidcSignInSettings = {
      clientId,
      clientSecret: env.OIDC_CLIENT_SECRET ?? '',
      redirectUri: env.OIDC_REDIRECT_URI?.trim() ?? '',
      providerName: env.OIDC_PROVIDER_NAME?.trim() || hostOf(oidc.issuer),
      scope: env.OIDC_SCOPE?.trim() || 'openid profile',
      authorizationEndpoint: env.OIDC_AUTHORIZATION_ENDPOINT?.trim() ?? '',
      tokenEndpoint: env.OIDC_TOKEN_ENDPOINT?.trim() ?? '',
    };
    if (!signIn.clientSecret) report('OIDC_CLIENT_SECRET is required with OIDC_CLIENT_ID');
    if (!HTTPS.test(oidc.issuer)) report('OIDC_ISSUER must be https:// for the console sign-in (a private CA: NODE_EXTRA_CA_CERTS)');
    // The code comes back in the browser's address bar: over plain http only to this machine itself.
    if (!HTTPS.test(signIn.redirectUri) && !LOOPBACK_HTTP.test(signIn.redirectUri))
      report("OIDC_REDIRECT_URI must be this node's console address over https (https://.../), or http on a loopback address");
    if (!signIn.authorizationEndpoint !== !signIn.tokenEndpoint)
      report('OIDC_AUTHORIZATION_ENDPOINT and OIDC_TOKEN_ENDPOINT go together (or neither: read from discovery)');
    for (const name of ['OIDC_AUTHORIZATION_ENDPOINT', 'OIDC_TOKEN_ENDPOINT'] as const)
      if (env[name]?.trim() && !HTTPS.test(env[name].trim())) report(`${name} must be https:// (a private CA: NODE_EXTRA_CA_CERTS)`);
    if (!/\bopenid\b/.test(signIn.scope)) report('OIDC_SCOPE must include openid');
    return { ...oidc, signIn };
  }),
  signInPolicy: section({
    freeFailures: atLeast('AUTH_FREE_FAILURES', DEFAULT_SIGN_IN_POLICY.freeFailures, 1),
    baseDelayMs: atLeast('AUTH_SLOWDOWN_BASE_MS', DEFAULT_SIGN_IN_POLICY.baseDelayMs, 1),
    lockAfter: atLeast('AUTH_LOCK_AFTER', DEFAULT_SIGN_IN_POLICY.lockAfter, 2),
    lockMs: setting((env, report) => 1000 * atLeast('AUTH_LOCK_SECONDS', DEFAULT_SIGN_IN_POLICY.lockMs / 1000, 1).read(env, report)),
  }),
  secondFactor: flag('AUTH_SECOND_FACTOR', { default: DEFAULT_AUTH_LIMITS.secondFactor }),
  addressLimit: section({
    attempts: atLeast('AUTH_ADDRESS_ATTEMPTS', DEFAULT_AUTH_LIMITS.addressLimit.attempts, 1),
    windowMs: setting(
      (env, report) => 1000 * atLeast('AUTH_ADDRESS_WINDOW_SECONDS', DEFAULT_AUTH_LIMITS.addressLimit.windowMs / 1000, 1).read(env, report),
    ),
  }),
  unknownUsernamesKept: atLeast('AUTH_UNKNOWN_USERNAMES_KEPT', DEFAULT_AUTH_LIMITS.unknownUsernamesKept, 100),
  registerLookups: section({
    lookups: atLeast('REGISTER_LOOKUPS', DEFAULT_REGISTER_LOOKUPS.lookups, 1),
    windowMs: setting(
      (env, report) => 1000 * atLeast('REGISTER_LOOKUP_WINDOW_SECONDS', DEFAULT_REGISTER_LOOKUPS.windowMs / 1000, 1).read(env, report),
    ),
  }),
  session: section({
    idleSeconds: atLeast('AUTH_SESSION_IDLE_SECONDS', 1800, 60),
    maxSeconds: atLeast('AUTH_SESSION_MAX_SECONDS', 12 * 3600, 300),
  }),
} satisfies ConfigSchema;

/** Reads sign-in settings; throws one ConfigError naming every wrong variable. */
export function authSettingsFromEnv(agency: string, env: Env = process.env): AuthSettings {
  return { agency, ...readConfig(AUTH_SCHEMA, env) };
}
