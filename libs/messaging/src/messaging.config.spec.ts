import { describe, expect, it } from '@jest/globals';
import { ConfigError, messagingConfigFromEnv } from './messaging.config.js';

describe('messaging configuration', () => {
  it('names every wrong variable at once', () => {
    let error: unknown;
    try {
      messagingConfigFromEnv({
        AGENCY_ID: 'UPTD PPA',
        NODE_ROLE: '',
        RETRY_BASE_MS: '-5',
        NATS_URL: 'localhost:4222',
        BUS_BROADCASTS: 'yes',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/AGENCY_ID="UPTD PPA" must match/);
    expect(problems).toMatch(/NODE_ROLE is required/);
    expect(problems).toMatch(/RETRY_BASE_MS="-5" must be a positive whole number/);
    expect(problems).toMatch(/NATS_URL entry "localhost:4222"/);
    expect(problems).toMatch(/BUS_BROADCASTS must be true or false/);
  });

  it('fills defaults for a node that sets only who it is', () => {
    const config = messagingConfigFromEnv({ AGENCY_ID: 'rsud-tanjungpinang', NODE_ROLE: 'health' });
    expect(config).toMatchObject({
      servers: ['nats://127.0.0.1:4222'],
      prefix: 'rujukan',
      stream: 'RUJUKAN',
      broadcasts: false,
      reconnectWaitMs: 2000,
      receiptTimeoutMs: 300000,
      receiptResendMaxMs: 21600000,
    });
  });

  it('takes several servers for a cluster', () => {
    const config = messagingConfigFromEnv({ AGENCY_ID: 'a', NODE_ROLE: 'b', NATS_URL: 'nats://n1:4222, nats://n2:4222,nats://n3:4222' });
    expect(config.servers).toEqual(['nats://n1:4222', 'nats://n2:4222', 'nats://n3:4222']);
  });
});
