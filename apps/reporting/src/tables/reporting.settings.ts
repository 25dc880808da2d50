import { SPM_INDICATORS, type SpmIndicator } from '@rujukan/contracts';
import { ConfigError } from '@rujukan/messaging';

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

export interface ReportingSettings {
  policy: CountingPolicy;
  /** Public view: counts 1..k-1 shown as "<k"; cells hidden to protect them (complementary suppression) as HIDDEN_MARK. */
  k: number;
  /** SPM coverage targets, per cent. */
  targets: Record<SpmIndicator, number>;
}

export function reportingSettingsFromEnv(env: Record<string, string | undefined>): ReportingSettings {
  const problems: string[] = [];
  const policy = (env.REPORTING_COUNTING_POLICY?.trim() || 'consent') as CountingPolicy;
  if (!COUNTING_POLICIES.includes(policy)) problems.push(`REPORTING_COUNTING_POLICY must be ${COUNTING_POLICIES.join(' or ')}`);
  const k = Number(env.PUBLIC_MIN_COUNT ?? 5);
  if (!Number.isInteger(k) || k < 3 || k > 100)
    problems.push('PUBLIC_MIN_COUNT must be a whole number from 3 to 100 (default 5; CTDC publishes with 11)');
  const targets = Object.fromEntries(
    SPM_INDICATORS.map((i) => {
      const name = `SPM_TARGET_${i.toUpperCase().replace(/-/g, '_')}`;
      const value = Number(env[name] ?? 100);
      if (!(value >= 0 && value <= 100)) problems.push(`${name} must be a percentage from 0 to 100`);
      return [i, value];
    }),
  ) as Record<SpmIndicator, number>;
  if (problems.length) throw new ConfigError(problems);
  return { policy, k, targets };
}
