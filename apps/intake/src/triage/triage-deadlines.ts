import { number, readConfig } from '@rujukan/contracts';
import type { ConfigSchema, Env, RiskLevel } from '@rujukan/contracts';

/** Minutes to the first response, per risk level (local standards: high at once, medium ~6 h, low 3 days). */
export type TriageDeadlines = Record<RiskLevel, number>;

export const DEFAULT_TRIAGE_DEADLINES: TriageDeadlines = { high: 0, medium: 6 * 60, low: 3 * 24 * 60 };

const minutes = (level: RiskLevel) => {
  const name = `TRIAGE_${level.toUpperCase()}_MINUTES`;
  return number(name, {
    default: DEFAULT_TRIAGE_DEADLINES[level],
    whole: true,
    min: 0,
    problem: (value) => `${name}="${value}" must be a whole number of minutes (0 or more)`,
  });
};

/** TRIAGE_HIGH_MINUTES, TRIAGE_MEDIUM_MINUTES, TRIAGE_LOW_MINUTES override the defaults. */
export const TRIAGE_DEADLINES_SCHEMA = { high: minutes('high'), medium: minutes('medium'), low: minutes('low') } satisfies ConfigSchema;

/** Reads the triage deadlines; throws one ConfigError naming every wrong variable. */
export function triageDeadlinesFromEnv(env: Env): TriageDeadlines {
  return readConfig(TRIAGE_DEADLINES_SCHEMA, env);
}

/**
 * When the first response is due. Indonesia's zones (WIB, WITA, WIT) have no
 * daylight saving, so a duration from the registration instant is the same
 * local time N days later in the node's zone.
 */
export function firstResponseDue(registeredAt: Date, risk: RiskLevel, deadlines: TriageDeadlines): Date {
  return new Date(registeredAt.getTime() + deadlines[risk] * 60_000);
}
