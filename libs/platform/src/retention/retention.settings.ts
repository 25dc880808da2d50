import { number } from '@rujukan/contracts';
import type { ConfigSchema } from '@rujukan/contracts';

export const RETENTION_SETTINGS = Symbol('RETENTION_SETTINGS');

/**
 * How long this agency keeps what it holds about a victim (design.md section 9,
 * "Lifetimes"; the reasoning is in docs/security.md, "Retention"). Each agency
 * sets its own in its node's environment.
 */
export interface RetentionSettings {
  /** Years her identifying data is kept after her case is closed here (CASE_RETENTION_YEARS, default 5). */
  caseRetentionYears: number;
  /** Days a declined or revoked referral's person is kept before it is erased (RETENTION_DECLINED_GRACE_DAYS, default 7). */
  declinedGraceDays: number;
  /** Days an outbox body is kept after its receipt, and a dead letter after it is resolved (RETENTION_MESSAGE_GRACE_DAYS, default 7). */
  messageGraceDays: number;
  /** Seconds between two sweeps (RETENTION_SWEEP_INTERVAL_SECONDS, default a day); a sweep also runs at start. */
  sweepIntervalSeconds: number;
}

/** The variables of data lifetimes, read by every node. */
export const RETENTION_SCHEMA = {
  caseRetentionYears: number('CASE_RETENTION_YEARS', {
    default: 5,
    whole: true,
    min: 1,
    max: 100,
    problem: (_, given) => `CASE_RETENTION_YEARS="${given}" must be a whole number of years (1 to 100)`,
  }),
  declinedGraceDays: number('RETENTION_DECLINED_GRACE_DAYS', {
    default: 7,
    whole: true,
    min: 0,
    max: 90,
    problem: (_, given) => `RETENTION_DECLINED_GRACE_DAYS="${given}" must be a whole number of days (0 to 90)`,
  }),
  messageGraceDays: number('RETENTION_MESSAGE_GRACE_DAYS', {
    default: 7,
    whole: true,
    min: 0,
    max: 365,
    problem: (_, given) => `RETENTION_MESSAGE_GRACE_DAYS="${given}" must be a whole number of days (0 to 365)`,
  }),
  sweepIntervalSeconds: number('RETENTION_SWEEP_INTERVAL_SECONDS', {
    default: 86400,
    whole: true,
    min: 1,
    max: 7 * 86400,
    problem: (_, given) => `RETENTION_SWEEP_INTERVAL_SECONDS="${given}" must be a whole number of seconds (1 to 604800)`,
  }),
} satisfies ConfigSchema;
