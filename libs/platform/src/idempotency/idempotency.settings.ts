import { collectConfig, number, setting } from '@rujukan/contracts';
import type { ConfigSchema, Env } from '@rujukan/contracts';

export const IDEMPOTENCY_SETTINGS = Symbol('IDEMPOTENCY_SETTINGS');

/** How long keys and their answers are kept, and how long a running request holds its key. */
export interface IdempotencySettings {
  /** A key and its stored answer are kept this long after the first request, then purged (default 24 h). */
  retentionSeconds: number;
  /** A request's claim on its key runs out after this, so a node that died mid-request does not lock it forever (default 60 s). */
  claimSeconds: number;
}

const retentionHours = number('IDEMPOTENCY_RETENTION_HOURS', {
  default: 24,
  above: 0,
  max: 24 * 30,
  problem: (_, given) => `IDEMPOTENCY_RETENTION_HOURS="${given}" must be a number of hours above 0, at most 720`,
});

/** The variables of HTTP idempotency. */
export const IDEMPOTENCY_SCHEMA = {
  retentionSeconds: setting((env, report) => Math.round(retentionHours.read(env, report) * 3600)),
  claimSeconds: number('IDEMPOTENCY_CLAIM_SECONDS', {
    default: 60,
    whole: true,
    min: 1,
    max: 3600,
    problem: (_, given) => `IDEMPOTENCY_CLAIM_SECONDS="${given}" must be a whole number of seconds from 1 to 3600`,
  }),
} satisfies ConfigSchema;

/** Reads IDEMPOTENCY_RETENTION_HOURS and IDEMPOTENCY_CLAIM_SECONDS; wrong values are added to `problems`. */
export function idempotencySettingsFromEnv(env: Env, problems: string[]): IdempotencySettings {
  return collectConfig(IDEMPOTENCY_SCHEMA, env, problems);
}
