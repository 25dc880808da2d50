import { describe, expect, it } from '@jest/globals';
import {
  ACCOMPANIMENT_DESTINATIONS,
  AGE_BANDS,
  DISABILITIES,
  EDUCATION_LEVELS,
  MEDIATION_OUTCOMES,
  OCCUPATIONS,
  OUTREACH_OUTCOMES,
  SEXES,
  UPTD_FUNCTIONS,
  VIOLENCE_TYPES,
} from '@rujukan/contracts';
import { nationalBreakdowns } from './breakdowns.js';
import { noFacts, type Facts } from './facts.js';
import { spmTable } from './spm.js';
import { valueAt } from './stat-table.js';

/** A reproducible pseudo-random city: two years of cases with victims, perpetrators and services. */
function city(seed: number): Facts {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const facts: Facts = noFacts();
  for (let i = 0; i < 240; i++) {
    const caseId = `case-${i}`;
    const year = rnd() < 0.6 ? 2026 : 2025;
    const month = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}`;
    const violenceTypes = [...new Set([pick(VIOLENCE_TYPES), pick(VIOLENCE_TYPES)])];
    facts.cases.push({
      caseId,
      month,
      district: pick(['Kota Tanjungpinang', 'Kabupaten Bintan', 'Kota Batam']),
      kind: violenceTypes.includes('trafficking') ? 'trafficking' : 'violence-against-women',
      channel: 'walk-in',
      violenceTypes,
      place: 'household',
    });
    if (rnd() < 0.2) facts.overdueCases.add(caseId);
    else if (i % 3) facts.answeredInTimeCases.add(caseId); // the rest: no first response yet
    const n = 1 + Math.floor(rnd() * 3);
    for (let j = 0; j < n; j++) {
      const ageBand = pick(AGE_BANDS);
      const victimId = `victim-${i}-${j}`;
      facts.victims.push({
        victimId,
        caseId,
        sex: pick(SEXES),
        ageBand,
        child: ['0-5', '6-12', '13-17'].includes(ageBand),
        district: 'Kota Tanjungpinang',
        education: rnd() < 0.3 ? null : pick(EDUCATION_LEVELS),
        occupation: rnd() < 0.3 ? null : pick(OCCUPATIONS),
        disabilities: rnd() < 0.3 ? null : rnd() < 0.5 ? [] : [...new Set([pick(DISABILITIES), pick(DISABILITIES)])],
      });
      if (rnd() < 0.5)
        facts.services.push({
          recordId: `r-${i}-${j}`,
          caseId,
          victimId,
          service: 'health',
          activity: 'medical-examination',
          indicator: 'health',
          outcome: null,
          month,
          agencyId: 'rsud',
        });
      if (rnd() < 0.5)
        facts.services.push({
          recordId: `r2-${i}-${j}`,
          caseId,
          victimId,
          service: 'health',
          activity: 'medical-treatment',
          indicator: 'health',
          outcome: null,
          month,
          agencyId: 'rsud',
        });
    }
    const fn = pick(UPTD_FUNCTIONS);
    facts.functions.push({
      recordId: `f-${i}`,
      function: fn,
      outcome: fn === 'outreach' ? pick(OUTREACH_OUTCOMES) : fn === 'mediation' ? pick(MEDIATION_OUTCOMES) : null,
      destination: fn === 'accompaniment' ? pick(ACCOMPANIMENT_DESTINATIONS) : null,
      victimId: fn === 'outreach' ? null : `victim-${i}-0`,
      month,
      district: 'Kota Tanjungpinang',
    });
    if (rnd() < 0.3) facts.perpetrators.push({ caseId, position: 0, sex: 'male', ageBand: '13-17', child: true, relation: 'neighbour' });
    if (rnd() < 0.3)
      facts.services.push({
        recordId: `t-${i}`,
        caseId,
        victimId: `victim-${i}-0`,
        service: 'law-enforcement',
        activity: 'trial',
        indicator: null,
        outcome: null,
        month,
        agencyId: 'polres',
      });
    if (rnd() < 0.15)
      facts.services.push({
        recordId: `v-${i}`,
        caseId,
        victimId: `victim-${i}-0`,
        service: 'law-enforcement',
        activity: 'verdict',
        indicator: 'law-enforcement',
        outcome: 'convicted',
        month,
        agencyId: 'polres',
      });
  }
  return facts;
}

describe('national breakdowns and SPM coverage', () => {
  const facts = city(42);
  const year = 2026;
  const tables = nationalBreakdowns(facts, year);
  const table = (id: string) => tables.find((t) => t.id === id)!;
  const cases = facts.cases.filter((c) => c.month.startsWith('2026-'));
  const caseIds = new Set(cases.map((c) => c.caseId));
  const victims = facts.victims.filter((v) => caseIds.has(v.caseId));

  it('counts victims by age group and sex, with totals, as counted directly', () => {
    for (const band of AGE_BANDS) {
      for (const sex of SEXES)
        expect(valueAt(table('victims-by-age-and-sex'), band, sex)).toBe(victims.filter((v) => v.ageBand === band && v.sex === sex).length);
      expect(valueAt(table('victims-by-age-and-sex'), band, 'total')).toBe(victims.filter((v) => v.ageBand === band).length);
    }
    expect(valueAt(table('victims-by-age-and-sex'), 'total', 'total')).toBe(victims.length);
    expect(victims.length).toBeGreaterThan(100); // the set is not trivial
  });

  it('counts victims by education, an unrecorded level as unknown', () => {
    for (const level of EDUCATION_LEVELS) {
      expect(valueAt(table('victims-by-education'), level, 'total')).toBe(
        victims.filter((v) => (v.education ?? 'unknown') === level).length,
      );
    }
  });

  it('counts victims by occupation and by each kind of disability; none and not asked apart', () => {
    for (const o of OCCUPATIONS)
      expect(valueAt(table('victims-by-occupation'), o, 'total')).toBe(victims.filter((v) => (v.occupation ?? 'unknown') === o).length);
    for (const d of DISABILITIES)
      expect(valueAt(table('victims-by-disability'), d, 'total')).toBe(victims.filter((v) => v.disabilities?.includes(d)).length);
    expect(valueAt(table('victims-by-disability'), 'none', 'total')).toBe(victims.filter((v) => v.disabilities?.length === 0).length);
    expect(valueAt(table('victims-by-disability'), 'unknown', 'total')).toBe(victims.filter((v) => v.disabilities == null).length);
    // A victim with two kinds is in two rows and once in the total.
    expect(valueAt(table('victims-by-disability'), 'total', 'total')).toBe(victims.length);
    expect(victims.some((v) => (v.disabilities?.length ?? 0) > 1)).toBe(true);
  });

  it("counts the UPTD PPA's functions of the year by month, and each by its outcome or destination", () => {
    const ofYear = facts.functions.filter((f) => f.month.startsWith('2026-'));
    for (const fn of UPTD_FUNCTIONS)
      for (const m of ['01', '07', '12'])
        expect(valueAt(table('uptd-functions-by-month'), fn, m)).toBe(
          ofYear.filter((f) => f.function === fn && f.month === `2026-${m}`).length,
        );
    expect(valueAt(table('uptd-functions-by-month'), 'total', 'total')).toBe(ofYear.length);
    for (const o of MEDIATION_OUTCOMES)
      expect(valueAt(table('mediation-by-outcome'), o, 'sessions')).toBe(
        ofYear.filter((f) => f.function === 'mediation' && f.outcome === o).length,
      );
    for (const o of OUTREACH_OUTCOMES)
      expect(valueAt(table('outreach-by-outcome'), o, 'visits')).toBe(
        ofYear.filter((f) => f.function === 'outreach' && f.outcome === o).length,
      );
    for (const d of ACCOMPANIMENT_DESTINATIONS)
      expect(valueAt(table('accompaniment-by-destination'), d, 'accompaniments')).toBe(ofYear.filter((f) => f.destination === d).length);
    expect(ofYear.length).toBeGreaterThan(50);
  });

  it('counts a case once per violence type it has, and once in the total', () => {
    for (const t of VIOLENCE_TYPES)
      expect(valueAt(table('cases-by-violence-type'), t, 'cases')).toBe(cases.filter((c) => c.violenceTypes.includes(t)).length);
    expect(valueAt(table('cases-by-violence-type'), 'total', 'cases')).toBe(cases.length);
  });

  it('gives cases by month for the year and the year before', () => {
    for (const m of ['01', '06', '12']) {
      expect(valueAt(table('cases-by-month'), m, '2026')).toBe(facts.cases.filter((c) => c.month === `2026-${m}`).length);
      expect(valueAt(table('cases-by-month'), m, '2025')).toBe(facts.cases.filter((c) => c.month === `2025-${m}`).length);
    }
  });

  it('counts child victims apart from child perpetrators', () => {
    const t = table('children-as-victims-and-perpetrators');
    expect(valueAt(t, 'child-victims', 'total')).toBe(victims.filter((v) => v.child).length);
    expect(valueAt(t, 'child-perpetrators', 'total')).toBe(facts.perpetrators.filter((p) => caseIds.has(p.caseId) && p.child).length);
  });

  it('computes SPM coverage: victims served over victims; verdicts over cases brought to trial', () => {
    const spm = spmTable(facts, year);
    const health = new Set(facts.services.filter((s) => s.indicator === 'health' && caseIds.has(s.caseId)).map((s) => s.victimId));
    expect(valueAt(spm, 'health', 'numerator')).toBe(health.size);
    expect(valueAt(spm, 'health', 'denominator')).toBe(victims.length);
    const tried = new Set(
      facts.services.filter((s) => caseIds.has(s.caseId) && (s.activity === 'trial' || s.activity === 'verdict')).map((s) => s.caseId),
    );
    const decided = new Set(facts.services.filter((s) => caseIds.has(s.caseId) && s.activity === 'verdict').map((s) => s.caseId));
    expect(valueAt(spm, 'law-enforcement', 'numerator')).toBe(decided.size);
    expect(valueAt(spm, 'law-enforcement', 'denominator')).toBe(tried.size);
    expect(valueAt(spm, 'complaint-handling', 'numerator')).toBe(victims.filter((v) => facts.answeredInTimeCases.has(v.caseId)).length);
  });
});
