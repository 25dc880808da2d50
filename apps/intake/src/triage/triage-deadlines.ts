import { ConfigError } from '@rujukan/messaging';
import type { RiskLevel } from '@rujukan/contracts';

/** Minutes to the first response, per risk level (local standards: high at once, medium ~6 h, low 3 days). */
export type TriageDeadlines = Record<RiskLevel, number>;

export const DEFAULT_TRIAGE_DEADLINES: TriageDeadlines = { high: 0, medium: 6 * 60, low: 3 * 24 * 60 };

/** TRIAGE_HIGH_MINUTES, TRIAGE_MEDIUM_MINUTES, TRIAGE_LOW_MINUTES override the defaults. */
export function triageDeadlinesFromEnv(env: Record<string, string | undefined>): TriageDeadlines {
  const problems: string[] = [];
  const read = (level: RiskLevel) => {
    const name = `TRIAGE_${level.toUpperCase()}_MINUTES`;
    const raw = env[name]?.trim();
    if (!raw) return DEFAULT_TRIAGE_DEADLINES[level];
    const v = Number(raw);
    if (!Number.isInteger(v) || v < 0) problems.push(`${name}="${raw}" must be a whole number of minutes (0 or more)`);
    return v;
  };
  const deadlines = { high: read('high'), medium: read('medium'), low: read('low') };
  if (problems.length) throw new ConfigError(problems);
  return deadlines;
}

/**
 * When the first response is due. Indonesia's zones (WIB, WITA, WIT) have no
 * daylight saving, so a duration from the registration instant is the same
 * local time N days later in the node's zone.
 */
export function firstResponseDue(registeredAt: Date, risk: RiskLevel, deadlines: TriageDeadlines): Date {
  return new Date(registeredAt.getTime() + deadlines[risk] * 60_000);
}
