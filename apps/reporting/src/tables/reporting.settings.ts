import { number, oneOf, readConfig, section, SPM_INDICATORS } from '@rujukan/contracts';
import type { ConfigSchema, Env, Setting, SpmIndicator } from '@rujukan/contracts';

export const REPORTING_SETTINGS = Symbol('REPORTING_SETTINGS');

/**
 * Which victims the statistics count, the same way in every table:
 * - `consent`: only victims who consented to statistical reporting; a
 *   withdrawn consent removes her (and a case left with no counted victim);
 * - `duty`: every victim, de-identified, where the law makes reporting an
 *   obligation (national recording); consent then changes nothing here.
 */
export const COUNTING_POLICIES = ['consent', 'duty'] as const;
export type CountingPolicy = (typeof COUNTING_POLICIES)[number];

/**
 * The victims a policy counts, as an SQL relation shaped like victim_fact,
 * with her age group and childhood on the day of the incident where known
 * (else when reported): the one age every table and count uses.
 */
export function countedVictims(policy: CountingPolicy): string {
  return `(SELECT victim_id, case_id, sex, coalesce(age_band_at_incident, age_band) AS age_band, coalesce(child_at_incident, child) AS child,
     district, education, occupation, disabilities, consented FROM victim_fact${policy === 'consent' ? ' WHERE consented' : ''})`;
}

/**
 * The date the tables count a case by: `reported` (default), the month it
 * was registered, as the cities' figures are recorded; `incident`, the month
 * it happened, where known (else the month reported).
 */
export const COUNTING_DATES = ['reported', 'incident'] as const;
export type CountingDate = (typeof COUNTING_DATES)[number];

/** The month a case counts in, as an SQL expression over case_fact `c`. */
export function countedMonth(by: CountingDate): string {
  return by === 'incident' ? 'coalesce(c.incident_month, c.month)' : 'c.month';
}

/**
 * The cases a policy counts, as an SQL relation shaped like case_fact: the
 * one rule every endpoint counts cases by. Under `consent` a case left with
 * no counted victim is not counted (a case registered with no victim at all
 * stays, it names nobody); under `duty` every case.
 */
export function countedCases(policy: CountingPolicy): string {
  return policy === 'consent'
    ? `(SELECT * FROM case_fact c WHERE NOT EXISTS (SELECT 1 FROM victim_fact v WHERE v.case_id = c.case_id)
         OR EXISTS (SELECT 1 FROM victim_fact v WHERE v.case_id = c.case_id AND v.consented))`
    : 'case_fact';
}

export interface ReportingSettings {
  policy: CountingPolicy;
  /** Public view: counts 1..k-1 shown as "<k"; cells hidden to protect them (complementary suppression) as HIDDEN_MARK. */
  k: number;
  /** SPM coverage targets, per cent. */
  targets: Record<SpmIndicator, number>;
}

/** The variables of the reporting node's statistics. */
export const REPORTING_SCHEMA = {
  policy: oneOf('REPORTING_COUNTING_POLICY', COUNTING_POLICIES, { default: 'consent' }),
  k: number('PUBLIC_MIN_COUNT', {
    default: 5,
    blank: 'value',
    whole: true,
    min: 3,
    max: 100,
    problem: 'PUBLIC_MIN_COUNT must be a whole number from 3 to 100 (default 5; CTDC publishes with 11)',
  }),
  targets: section(
    Object.fromEntries(
      SPM_INDICATORS.map((i) => {
        const name = `SPM_TARGET_${i.toUpperCase().replace(/-/g, '_')}`;
        return [i, number(name, { default: 100, blank: 'value', min: 0, max: 100, problem: `${name} must be a percentage from 0 to 100` })];
      }),
    ) as Record<SpmIndicator, Setting<number>>,
  ),
} satisfies ConfigSchema;

/** Reads the statistics settings; throws one ConfigError naming every wrong variable. */
export function reportingSettingsFromEnv(env: Env): ReportingSettings {
  return readConfig(REPORTING_SCHEMA, env);
}
