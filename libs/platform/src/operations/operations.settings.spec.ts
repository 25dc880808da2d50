import { describe, expect, it } from '@jest/globals';
import { ConfigError, readConfig } from '@rujukan/contracts';
import { OPERATIONS_SCHEMA } from './operations.settings.js';

describe('METRICS_ALLOW', () => {
  const allows = (env: Record<string, string>, address: string) =>
    readConfig(OPERATIONS_SCHEMA, env).metricsAllow.list.check(address, address.includes(':') ? 'ipv6' : 'ipv4');

  it('allows loopback only by default, in both address families', () => {
    expect(allows({}, '127.0.0.1')).toBe(true);
    expect(allows({}, '::1')).toBe(true);
    expect(allows({}, '::ffff:127.0.0.1')).toBe(true);
    expect(allows({}, '10.0.0.5')).toBe(false);
  });

  it('takes addresses and CIDR ranges, and nothing else', () => {
    const env = { METRICS_ALLOW: '10.20.0.0/16, 192.168.1.7' };
    expect(allows(env, '10.20.3.4')).toBe(true);
    expect(allows(env, '::ffff:10.20.3.4')).toBe(true);
    expect(allows(env, '192.168.1.7')).toBe(true);
    expect(allows(env, '192.168.1.8')).toBe(false);
    expect(allows(env, '127.0.0.1')).toBe(false);
    expect(() => readConfig(OPERATIONS_SCHEMA, { METRICS_ALLOW: '10.0.0.0/33,prometheus.local' })).toThrow(ConfigError);
  });
});
