import { SPM_INDICATORS, type SpmIndicator } from '@rujukan/contracts';
import type { Facts } from './facts.js';
import type { StatTable } from './stat-table.js';

/**
 * SPM coverage for the victims of cases registered in `year` (a cohort: a
 * service given in January for a December case counts for that December's
 * victims), with numerator and denominator as cells so the public view
 * suppresses them like any other:
 * - complaint handling: victims whose case got its first response by its
 *   triage deadline (intake's case.first-response-recorded with
 *   withinDeadline), over all victims; a case with no response yet, or a
 *   late one, does not count;
 * - health, social rehabilitation, spiritual guidance, legal aid,
 *   repatriation, social reintegration: victims with at least one service
 *   record counting for the indicator, over all victims;
 * - law enforcement: cases decided (verdict) over cases brought to trial
 *   (trial or verdict recorded), as the SPM defines it.
 */
export function spmTable(facts: Facts, year: number): StatTable {
  const cases = facts.cases.filter((c) => c.month.startsWith(`${year}-`));
  const caseIds = new Set(cases.map((c) => c.caseId));
  const victims = facts.victims.filter((v) => caseIds.has(v.caseId));
  const victimIds = new Set(victims.map((v) => v.victimId));
  const services = facts.services.filter((s) => victimIds.has(s.victimId));
  const all = victims.map((v) => `v:${v.victimId}`).sort();
  const cells = SPM_INDICATORS.flatMap((indicator: SpmIndicator) => {
    let numerator: string[];
    let denominator: string[];
    if (indicator === 'complaint-handling') {
      // Only a first response recorded by the deadline counts: none yet, or a late one, does not.
      numerator = victims.filter((v) => facts.answeredInTimeCases.has(v.caseId)).map((v) => `v:${v.victimId}`);
      denominator = all;
    } else if (indicator === 'law-enforcement') {
      const tried = new Set(services.filter((s) => s.activity === 'trial' || s.activity === 'verdict').map((s) => `c:${s.caseId}`));
      numerator = [...new Set(services.filter((s) => s.activity === 'verdict').map((s) => `c:${s.caseId}`))];
      denominator = [...tried];
    } else {
      numerator = [...new Set(services.filter((s) => s.indicator === indicator).map((s) => `v:${s.victimId}`))];
      denominator = all;
    }
    return [
      { row: indicator, column: 'numerator', value: numerator.length, units: numerator.sort() },
      { row: indicator, column: 'denominator', value: denominator.length, units: [...denominator].sort() },
    ];
  });
  return {
    id: 'spm-coverage',
    title: `SPM coverage, victims of cases registered in ${year}`,
    unit: 'victims',
    rows: [...SPM_INDICATORS],
    columns: ['numerator', 'denominator'],
    cells,
  };
}
