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

/** The victims a policy counts, as an SQL relation shaped like victim_fact. */
export function countedVictims(policy: CountingPolicy): string {
  return policy === 'consent' ? '(SELECT * FROM victim_fact WHERE consented)' : 'victim_fact';
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
