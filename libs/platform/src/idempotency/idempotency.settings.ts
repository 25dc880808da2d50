export const IDEMPOTENCY_SETTINGS = Symbol('IDEMPOTENCY_SETTINGS');

/** How long keys and their answers are kept, and how long a running request holds its key. */
export interface IdempotencySettings {
  /** A key and its stored answer are kept this long after the first request, then purged (default 24 h). */
  retentionSeconds: number;
  /** A request's claim on its key runs out after this, so a node that died mid-request does not lock it forever (default 60 s). */
  claimSeconds: number;
}

type Env = Record<string, string | undefined>;

/** Reads IDEMPOTENCY_RETENTION_HOURS and IDEMPOTENCY_CLAIM_SECONDS; wrong values are added to `problems`. */
export function idempotencySettingsFromEnv(env: Env, problems: string[]): IdempotencySettings {
  const hours = Number(env.IDEMPOTENCY_RETENTION_HOURS?.trim() || '24');
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30)
    problems.push(`IDEMPOTENCY_RETENTION_HOURS="${env.IDEMPOTENCY_RETENTION_HOURS}" must be a number of hours above 0, at most 720`);
  const claim = Number(env.IDEMPOTENCY_CLAIM_SECONDS?.trim() || '60');
  if (!Number.isInteger(claim) || claim < 1 || claim > 3600)
    problems.push(`IDEMPOTENCY_CLAIM_SECONDS="${env.IDEMPOTENCY_CLAIM_SECONDS}" must be a whole number of seconds from 1 to 3600`);
  return { retentionSeconds: Math.round(hours * 3600), claimSeconds: claim };
}
