import {
  ACCOMPANIMENT_DESTINATIONS,
  AGE_BANDS,
  DISABILITIES,
  EDUCATION_LEVELS,
  MEDIATION_OUTCOMES,
  OCCUPATIONS,
  OUTREACH_OUTCOMES,
  UPTD_FUNCTIONS,
  INCIDENT_PLACES,
  CASE_KINDS,
  PERPETRATOR_RELATIONS,
  SEXES,
  SPM_INDICATORS,
  VIOLENCE_TYPES,
} from '@rujukan/contracts';
import type { Facts, VictimRow } from './facts.js';
import { crossTable, type Cell, type StatTable } from './stat-table.js';

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const isTrafficking = (c: { kind: string; violenceTypes: string[] }) => c.kind === 'trafficking' || c.violenceTypes.includes('trafficking');

/**
 * The national breakdowns (as SIMFONI-PPA publishes them) for `year`, from
 * facts loaded for `year` and the year before. Pure: the same facts give the
 * same tables. Units are prefixed (c: case, v: victim, p: perpetrator) so
 * suppression never mixes them.
 */
export function nationalBreakdowns(facts: Facts, year: number): StatTable[] {
  const thisYear = facts.cases.filter((c) => c.month.startsWith(`${year}-`));
  const caseIds = new Set(thisYear.map((c) => c.caseId));
  const byCase = new Map(facts.cases.map((c) => [c.caseId, c]));
  const victims = facts.victims.filter((v) => caseIds.has(v.caseId));
  const perpetrators = facts.perpetrators.filter((p) => caseIds.has(p.caseId));
  const districts = [...new Set(thisYear.map((c) => c.district))].sort();
  const victimDistricts = [...new Set(victims.map((v) => v.district))].sort();
  const c = (id: string) => `c:${id}`;
  const v = (id: string) => `v:${id}`;
  const f = (id: string) => `f:${id}`;
  const functionsThisYear = facts.functions.filter((x) => x.month.startsWith(`${year}-`));
  const trafficking = victims.filter((x) => isTrafficking(byCase.get(x.caseId)!));
  const sexOf = new Map(victims.map((x) => [x.victimId, x.sex]));
  const childOrAdult = (x: VictimRow) => [x.child ? 'child' : 'adult'];
  /** Victims by one attribute (several rows where it has several values) and sex. */
  const victimsBySex = (id: string, title: string, rows: readonly string[], items: VictimRow[], rowsOf: (x: VictimRow) => string[]) =>
    crossTable({ id, title, unit: 'victims', rows, columns: SEXES }, items, (x) =>
      rowsOf(x).map((row) => ({ row, column: x.sex, unit: v(x.victimId) })),
    );

  return [
    crossTable(
      {
        id: 'cases-by-month',
        title: `Cases by month, ${year} and ${year - 1}`,
        unit: 'cases',
        rows: MONTHS,
        columns: [String(year), String(year - 1)],
      },
      facts.cases,
      (x) => [{ row: x.month.slice(5, 7), column: x.month.slice(0, 4), unit: c(x.caseId) }],
    ),
    crossTable(
      {
        id: 'cases-by-violence-type',
        title: 'Cases by violence type (several per case)',
        unit: 'cases',
        rows: VIOLENCE_TYPES,
        columns: ['cases'],
      },
      thisYear,
      (x) => x.violenceTypes.map((t) => ({ row: t, column: 'cases', unit: c(x.caseId) })),
    ),
    crossTable({ id: 'cases-by-kind', title: 'Cases by kind', unit: 'cases', rows: CASE_KINDS, columns: ['cases'] }, thisYear, (x) => [
      { row: x.kind, column: 'cases', unit: c(x.caseId) },
    ]),
    crossTable(
      { id: 'cases-by-place', title: 'Cases by place of the incident', unit: 'cases', rows: INCIDENT_PLACES, columns: ['cases'] },
      thisYear,
      (x) => [{ row: x.place, column: 'cases', unit: c(x.caseId) }],
    ),
    crossTable(
      { id: 'cases-by-district', title: 'Cases by district', unit: 'cases', rows: districts, columns: ['cases', 'trafficking'] },
      thisYear,
      (x) => [
        { row: x.district, column: 'cases', unit: c(x.caseId) },
        ...(isTrafficking(x) ? [{ row: x.district, column: 'trafficking', unit: c(x.caseId) }] : []),
      ],
    ),
    victimsBySex('victims-by-age-and-sex', 'Victims by age group and sex', AGE_BANDS, victims, (x) => [x.ageBand]),
    victimsBySex('victims-child-or-adult', 'Victims, children (under 18) and adults, by sex', ['child', 'adult'], victims, childOrAdult),
    victimsBySex('victims-by-education', 'Victims by education and sex', EDUCATION_LEVELS, victims, (x) => [x.education ?? 'unknown']),
    victimsBySex('victims-by-occupation', 'Victims by occupation and sex', OCCUPATIONS, victims, (x) => [x.occupation ?? 'unknown']),
    victimsBySex(
      'victims-by-disability',
      'Victims by disability and sex (several kinds per victim)',
      [...DISABILITIES, 'none', 'unknown'],
      victims,
      (x) => (x.disabilities == null ? ['unknown'] : x.disabilities.length ? x.disabilities : ['none']),
    ),
    victimsBySex('victims-by-district', 'Victims by district of origin and sex', victimDistricts, victims, (x) => [x.district]),
    victimsBySex(
      'victims-by-violence-type',
      'Victims by violence type (several per victim)',
      VIOLENCE_TYPES,
      victims,
      (x) => byCase.get(x.caseId)!.violenceTypes,
    ),
    victimsBySex(
      'trafficking-victims',
      'Victims of trafficking (TPPO), children and adults, by sex',
      ['child', 'adult'],
      trafficking,
      childOrAdult,
    ),
    crossTable(
      {
        id: 'perpetrators-by-relation-and-sex',
        title: 'Perpetrators by relation to the victim and sex',
        unit: 'perpetrators',
        rows: PERPETRATOR_RELATIONS,
        columns: [...SEXES, 'unknown'],
      },
      perpetrators,
      (x) => [{ row: x.relation, column: x.sex ?? 'unknown', unit: `p:${x.caseId}:${x.position}` }],
    ),
    // Children as victims and children in conflict with the law (ABH), counted apart.
    crossTable(
      {
        id: 'children-as-victims-and-perpetrators',
        title: 'Children as victims and as perpetrators (ABH), by sex',
        unit: 'victims',
        rows: ['child-victims', 'child-perpetrators'],
        columns: [...SEXES, 'unknown'],
      },
      [
        ...victims.filter((x) => x.child).map((x) => ({ row: 'child-victims', column: x.sex, unit: v(x.victimId) })),
        ...perpetrators
          .filter((x) => x.child)
          .map((x) => ({ row: 'child-perpetrators', column: x.sex ?? 'unknown', unit: `p:${x.caseId}:${x.position}` })),
      ],
      (x) => [x],
    ),
    crossTable(
      {
        id: 'services-given',
        title: 'Victims who received each SPM service',
        unit: 'victims',
        rows: SPM_INDICATORS.filter((i) => i !== 'complaint-handling' && i !== 'law-enforcement'),
        columns: SEXES,
      },
      facts.services.filter((s) => s.indicator && sexOf.has(s.victimId)),
      (s) => [{ row: s.indicator!, column: sexOf.get(s.victimId)!, unit: v(s.victimId) }],
    ),
    // The UPTD PPA's own functions, each record counted once (f: record), in the month it happened.
    crossTable(
      {
        id: 'uptd-functions-by-month',
        title: `UPTD PPA functions by month, ${year}`,
        unit: 'records',
        rows: UPTD_FUNCTIONS,
        columns: MONTHS,
      },
      functionsThisYear,
      (x) => [{ row: x.function, column: x.month.slice(5, 7), unit: f(x.recordId) }],
    ),
    crossTable(
      { id: 'outreach-by-outcome', title: 'Outreach visits by outcome', unit: 'records', rows: OUTREACH_OUTCOMES, columns: ['visits'] },
      functionsThisYear.filter((x) => x.function === 'outreach'),
      (x) => [{ row: x.outcome ?? '', column: 'visits', unit: f(x.recordId) }],
    ),
    crossTable(
      {
        id: 'mediation-by-outcome',
        title: 'Mediation sessions by outcome',
        unit: 'records',
        rows: MEDIATION_OUTCOMES,
        columns: ['sessions'],
      },
      functionsThisYear.filter((x) => x.function === 'mediation'),
      (x) => [{ row: x.outcome ?? '', column: 'sessions', unit: f(x.recordId) }],
    ),
    crossTable(
      {
        id: 'accompaniment-by-destination',
        title: 'Accompaniments by destination',
        unit: 'records',
        rows: ACCOMPANIMENT_DESTINATIONS,
        columns: ['accompaniments'],
      },
      functionsThisYear.filter((x) => x.function === 'accompaniment'),
      (x) => [{ row: x.destination ?? '', column: 'accompaniments', unit: f(x.recordId) }],
    ),
  ];
}

/** Cells by id (`<table>/<row>/<column>`), as the suppression works on them. */
export function cellsOf(tables: readonly StatTable[]): Array<Cell & { id: string }> {
  return tables.flatMap((t) => t.cells.map((cell) => ({ ...cell, id: `${t.id}/${cell.row}/${cell.column}` })));
}
