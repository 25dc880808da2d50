import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@rujukan/messaging';
import { nodeConfigFromEnv } from './node-config.js';

describe('node configuration', () => {
  it('names every wrong variable, node and messaging alike', () => {
    let error: ConfigError | undefined;
    try {
      nodeConfigFromEnv(
        'shelter',
        { NODE_ROLE: 'health', PORT: 'eighty', DATABASE_URL: 'mysql://x', DB_MIGRATIONS_RUN: 'maybe' },
        { port: 3002 },
      );
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual(
      expect.arrayContaining([
        'AGENCY_ID is required',
        'PORT="eighty" must be a port number',
        'DATABASE_URL must look like postgres://user@host:5432/database',
        'DB_MIGRATIONS_RUN must be true or false',
        'NODE_ROLE="health" but this is the shelter node',
        'AUTH_TOKEN_SECRET must be a secret of at least 32 characters (e.g. openssl rand -hex 32)',
      ]),
    );
  });

  it('needs only who the node is, where its database is, and its token secret', () => {
    const config = nodeConfigFromEnv(
      'shelter',
      { AGENCY_ID: 'rumah-aman-x', DATABASE_URL: 'postgres://u@h:5432/shelter', AUTH_TOKEN_SECRET: 's'.repeat(32) },
      { port: 3002 },
    );
    expect(config).toMatchObject({
      role: 'shelter',
      port: 3002,
      host: '127.0.0.1',
      migrationsRun: true,
      messaging: { agency: 'rumah-aman-x', node: 'shelter' },
    });
  });

  it('limits the register look-ups per staff member: 30 in 10 minutes unless set, and refuses a limit that is no whole number', () => {
    const base = { AGENCY_ID: 'uptd-ppa-x', DATABASE_URL: 'postgres://u@h:5432/intake', AUTH_TOKEN_SECRET: 's'.repeat(32) };
    expect(nodeConfigFromEnv('intake', base, { port: 3001 }).auth.registerLookups).toEqual({ lookups: 30, windowMs: 600_000 });
    expect(
      nodeConfigFromEnv('intake', { ...base, REGISTER_LOOKUPS: '5', REGISTER_LOOKUP_WINDOW_SECONDS: '60' }, { port: 3001 }).auth
        .registerLookups,
    ).toEqual({ lookups: 5, windowMs: 60_000 });
    let error: ConfigError | undefined;
    try {
      nodeConfigFromEnv('intake', { ...base, REGISTER_LOOKUPS: '0', REGISTER_LOOKUP_WINDOW_SECONDS: 'ten' }, { port: 3001 });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems).toEqual(
      expect.arrayContaining([
        'REGISTER_LOOKUPS must be a whole number of at least 1',
        'REGISTER_LOOKUP_WINDOW_SECONDS must be a whole number of at least 1',
      ]),
    );
  });

  it('refuses an identity provider’s keys over plain http, and signed heads without a node key', () => {
    const base = { AGENCY_ID: 'rumah-aman-x', DATABASE_URL: 'postgres://u@h:5432/shelter', AUTH_TOKEN_SECRET: 's'.repeat(32) };
    const problems = (env: Record<string, string>) => {
      try {
        nodeConfigFromEnv('shelter', { ...base, ...env }, { port: 3002 });
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    const oidc = { OIDC_ISSUER: 'https://sso.example/realms/ppa', OIDC_AUDIENCE: 'rujukan' };
    expect(problems({ ...oidc, OIDC_JWKS_URI: 'http://sso.example/certs' })).toEqual([
      "OIDC_JWKS_URI must be the provider's jwks_uri over https (https://...)",
    ]);
    expect(problems({ ...oidc, OIDC_JWKS_URI: 'https://sso.example/certs' })).toEqual([]);
    expect(problems({ ACCESS_RECORD_HEADS_FILE: '/heads/shelter.jsonl' })).toEqual([
      'ACCESS_RECORD_HEADS_FILE needs NODE_KEY_FILE (the heads are signed with the node key)',
    ]);
  });

  it('reads the console sign-in through the provider: https to the provider, the redirect https or loopback http', () => {
    const base = { AGENCY_ID: 'rumah-aman-x', DATABASE_URL: 'postgres://u@h:5432/shelter', AUTH_TOKEN_SECRET: 's'.repeat(32) };
    const read = (env: Record<string, string>) => nodeConfigFromEnv('shelter', { ...base, ...env }, { port: 3002 });
    const problems = (env: Record<string, string>) => {
      try {
        read(env);
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    const client = {
      OIDC_ISSUER: 'https://sso.example/realms/ppa',
      OIDC_AUDIENCE: 'rujukan',
      OIDC_CLIENT_ID: 'rujukan-shelter',
      OIDC_CLIENT_SECRET: 'a-client-secret',
      OIDC_REDIRECT_URI: 'https://shelter.example/',
    };
    // No OIDC_JWKS_URI: the discovery document names it.
    expect(read(client).auth.oidc).toEqual({
      issuer: 'https://sso.example/realms/ppa',
      audience: 'rujukan',
      jwksUri: '',
      roleClaim: 'rujukan_role',
      agencyClaim: 'rujukan_agency',
      signIn: {
        clientId: 'rujukan-shelter',
        clientSecret: 'a-client-secret',
        redirectUri: 'https://shelter.example/',
        providerName: 'sso.example',
        scope: 'openid profile',
        authorizationEndpoint: '',
        tokenEndpoint: '',
      },
    });
    expect(problems({ ...client, OIDC_REDIRECT_URI: 'http://127.0.0.1:3002/' })).toEqual([]);
    expect(
      problems({
        ...client,
        OIDC_ISSUER: 'http://sso.example/realms/ppa',
        OIDC_CLIENT_SECRET: '',
        OIDC_REDIRECT_URI: 'http://shelter.example/',
        OIDC_TOKEN_ENDPOINT: 'http://sso.example/token',
        OIDC_SCOPE: 'profile',
      }),
    ).toEqual([
      'OIDC_CLIENT_SECRET is required with OIDC_CLIENT_ID',
      'OIDC_ISSUER must be https:// for the console sign-in (a private CA: NODE_EXTRA_CA_CERTS)',
      "OIDC_REDIRECT_URI must be this node's console address over https (https://.../), or http on a loopback address",
      'OIDC_AUTHORIZATION_ENDPOINT and OIDC_TOKEN_ENDPOINT go together (or neither: read from discovery)',
      'OIDC_TOKEN_ENDPOINT must be https:// (a private CA: NODE_EXTRA_CA_CERTS)',
      'OIDC_SCOPE must include openid',
    ]);
    expect(problems({ OIDC_CLIENT_ID: 'rujukan-shelter' })).toEqual(['OIDC_CLIENT_ID needs OIDC_ISSUER (the provider to sign in with)']);
  });
});
