import { describe, expect, it } from '@jest/globals';
import { ConfigError, readConfig } from '@rujukan/contracts';
import { RETENTION_SCHEMA } from './retention.settings.js';

describe('retention settings', () => {
  it('defaults to five years after closure, a week of grace and a daily sweep', () => {
    expect(readConfig(RETENTION_SCHEMA, {})).toEqual({
      caseRetentionYears: 5,
      declinedGraceDays: 7,
      messageGraceDays: 7,
      sweepIntervalSeconds: 86400,
    });
  });

  it('takes an agency’s own periods', () => {
    const env = { CASE_RETENTION_YEARS: '10', RETENTION_DECLINED_GRACE_DAYS: '0', RETENTION_SWEEP_INTERVAL_SECONDS: '3600' };
    expect(readConfig(RETENTION_SCHEMA, env)).toMatchObject({ caseRetentionYears: 10, declinedGraceDays: 0, sweepIntervalSeconds: 3600 });
  });

  it('refuses a period that is not a whole number in range, naming each variable', () => {
    try {
      readConfig(RETENTION_SCHEMA, {
        CASE_RETENTION_YEARS: '0',
        RETENTION_MESSAGE_GRACE_DAYS: '1.5',
        RETENTION_SWEEP_INTERVAL_SECONDS: 'daily',
      });
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).problems.join('\n');
      expect(text).toContain('CASE_RETENTION_YEARS="0"');
      expect(text).toContain('RETENTION_MESSAGE_GRACE_DAYS="1.5"');
      expect(text).toContain('RETENTION_SWEEP_INTERVAL_SECONDS="daily"');
    }
  });
});
