import { describe, expect, it } from '@jest/globals';
import { parseIdempotencyKey } from './idempotency.interceptor.js';
import { idempotencySettingsFromEnv } from './idempotency.settings.js';

describe('Idempotency-Key header', () => {
  it('takes a bare token or an RFC 8941 string', () => {
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey('"draft-42"')).toBe('draft-42');
  });

  it('refuses an empty, too long, non-ASCII or repeated key', () => {
    for (const bad of ['', '""', 'x'.repeat(256), 'kunci rahasia', 'kunci-é', 'a"b'])
      expect(() => parseIdempotencyKey(bad)).toThrow(/Idempotency-Key/);
    expect(() => parseIdempotencyKey(['a', 'b'])).toThrow(/one Idempotency-Key/);
  });
});

describe('idempotency settings', () => {
  it('default to 24 hours of retention and a 60 s claim', () => {
    const problems: string[] = [];
    expect(idempotencySettingsFromEnv({}, problems)).toEqual({ retentionSeconds: 86400, claimSeconds: 60 });
    expect(problems).toEqual([]);
  });

  it('name the wrong variable', () => {
    const problems: string[] = [];
    idempotencySettingsFromEnv({ IDEMPOTENCY_RETENTION_HOURS: '0', IDEMPOTENCY_CLAIM_SECONDS: 'soon' }, problems);
    expect(problems).toHaveLength(2);
    expect(problems.join()).toMatch(/IDEMPOTENCY_RETENTION_HOURS.*IDEMPOTENCY_CLAIM_SECONDS/);
  });
});
