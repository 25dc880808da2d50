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
});
