import type { Dictionary } from '../../../../libs/contracts/src/domain/labels.js';
import { drawn, type Cell, type Loaded, type ShownTable } from './api.js';

export type Vocabulary = Record<string, string>;

export interface SeriesModel {
  /** What the series counts (a column code of the table). */
  key: string;
  label: string;
  data: Array<number | null>;
  color: string;
  type?: 'bar' | 'line';
  axis?: 'y' | 'y1';
}

/** One chart and the table under it, in one language: everything the page draws. */
export interface ChartModel {
  id: string;
  title: string;
  kind: 'bar' | 'line';
  horizontal?: boolean;
  /** Row codes (as the API names them) and their labels, in order. */
  keys: string[];
  labels: string[];
  series: SeriesModel[];
  axisTitle: string;
  secondAxisTitle?: string;
  /** A percentage scale (0 to 100). */
  percent?: boolean;
  table: { corner: string; headers: string[]; rows: Array<{ label: string; cells: Cell[] }> };
  /** Shown instead of the chart (e.g. analysts only). */
  unavailable?: string;
}

export const COLORS = {
  female: '#8e2a8b',
  male: '#17607a',
  unknown: '#5f5f5f',
  current: '#0b4f8a',
  previous: '#8a6d00',
  bar: '#0b4f8a',
  target: '#b3261e',
  second: '#8a6d00',
};

export const fill = (text: string, vars: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));

/** A code's words: the given vocabulary first, then the tables' own words (total, unknown...). */
function term(d: Dictionary, vocabulary: Vocabulary, code: string): string {
  return vocabulary[code] ?? (d.tableKey as Vocabulary)[code] ?? code;
}

const withoutTotal = (codes: string[]) => codes.filter((c) => c !== 'total');

/** A chart of a table: one series per column, one bar (or point) per row; the table under it with totals. */
function fromTable(
  d: Dictionary,
  t: ShownTable | undefined,
  spec: {
    id: string;
    title: string;
    kind?: 'bar' | 'line';
    horizontal?: boolean;
    rows: Vocabulary;
    columns: Vocabulary;
    corner: string;
    axisTitle: string;
    columnCodes?: string[];
    colors?: Record<string, string>;
  },
): ChartModel {
  const rows = t ? withoutTotal(t.rows) : [];
  const columns = spec.columnCodes ?? (t ? withoutTotal(t.columns) : []);
  const palette = [COLORS.bar, COLORS.second, COLORS.unknown];
  return {
    id: spec.id,
    title: spec.title,
    kind: spec.kind ?? 'bar',
    horizontal: spec.horizontal,
    keys: rows,
    labels: rows.map((r) => term(d, spec.rows, r)),
    series: columns.map((c, i) => ({
      key: c,
      label: term(d, spec.columns, c),
      data: rows.map((r) => drawn(t?.values[r]?.[c])),
      color: spec.colors?.[c] ?? palette[i % palette.length],
    })),
    axisTitle: spec.axisTitle,
    table: {
      corner: spec.corner,
      headers: (t?.columns ?? [])
        .filter((c) => spec.columnCodes === undefined || spec.columnCodes.includes(c) || c === 'total')
        .map((c) => term(d, spec.columns, c)),
      rows: (t?.rows ?? []).map((r) => ({
        label: term(d, spec.rows, r),
        cells: (t?.columns ?? [])
          .filter((c) => spec.columnCodes === undefined || spec.columnCodes.includes(c) || c === 'total')
          .map((c) => t!.values[r]?.[c] ?? 0),
      })),
    },
  };
}

/** The dashboard's charts for one loaded view, in the language of `d`. */
export function chartModels(data: Loaded, d: Dictionary): ChartModel[] {
  const ui = d.dashboard;
  const year = String(data.year);
  const previous = String(data.year - 1);
  const sexes: Vocabulary = d.sex;
  const table = (id: string) => data.tables.get(id);

  const months = table('cases-by-month');
  const byMonth = fromTable(d, months, {
    id: 'cases-by-month',
    title: fill(ui.casesByMonth, { year, previous }),
    kind: 'line',
    rows: d.month,
    columns: {},
    columnCodes: [year, previous],
    corner: ui.month,
    axisTitle: ui.numberOfCases,
    colors: { [year]: COLORS.current, [previous]: COLORS.previous },
  });

  const charts: ChartModel[] = [
    byMonth,
    fromTable(d, table('cases-by-violence-type'), {
      id: 'cases-by-violence-type',
      title: ui.casesByViolenceType,
      horizontal: true,
      rows: d.violenceType,
      columns: {},
      corner: ui.violenceType,
      axisTitle: ui.numberOfCases,
    }),
    fromTable(d, table('victims-by-age-and-sex'), {
      id: 'victims-by-age-and-sex',
      title: ui.victimsByAgeAndSex,
      rows: d.ageBand,
      columns: sexes,
      corner: ui.ageGroup,
      axisTitle: ui.numberOfVictims,
      colors: COLORS,
    }),
    fromTable(d, table('children-as-victims-and-perpetrators'), {
      id: 'children-as-victims-and-perpetrators',
      title: ui.childrenVictimsPerpetrators,
      rows: {},
      columns: sexes,
      corner: ui.group,
      axisTitle: ui.numberOfPeople,
      colors: COLORS,
    }),
    fromTable(d, table('trafficking-victims'), {
      id: 'trafficking-victims',
      title: ui.trafficking,
      rows: {},
      columns: sexes,
      corner: ui.group,
      axisTitle: ui.numberOfVictims,
      colors: COLORS,
    }),
    spmChart(data, d),
    referralChart(data, d),
  ];
  return charts;
}

function spmChart(data: Loaded, d: Dictionary): ChartModel {
  const ui = d.dashboard;
  const spm = data.spm;
  return {
    id: 'spm-coverage',
    title: ui.spmCoverage,
    kind: 'bar',
    keys: spm.map((s) => s.indicator),
    labels: spm.map((s) => term(d, d.spmIndicator, s.indicator)),
    series: [
      { key: 'coverage', label: ui.coverage, data: spm.map((s) => s.coverage), color: COLORS.bar },
      { key: 'target', label: ui.target, data: spm.map((s) => s.target), color: COLORS.target, type: 'line' },
    ],
    axisTitle: ui.percent,
    percent: true,
    table: {
      corner: ui.indicator,
      headers: [d.tableKey.numerator, d.tableKey.denominator, ui.coverage, ui.target],
      rows: spm.map((s) => ({
        label: term(d, d.spmIndicator, s.indicator),
        cells: [s.numerator, s.denominator, s.coverage ?? '–', s.target ?? '–'],
      })),
    },
  };
}

function referralChart(data: Loaded, d: Dictionary): ChartModel {
  const ui = d.dashboard;
  const services = data.referrals ? Object.keys(data.referrals.byService) : [];
  const by = (s: string) => data.referrals!.byService[s];
  return {
    id: 'referral-times',
    title: ui.referralTimes,
    kind: 'bar',
    keys: services,
    labels: services.map((s) => term(d, d.service, s)),
    series: [
      {
        key: 'medianHoursToAccept',
        label: ui.medianHoursToAccept,
        data: services.map((s) => by(s).medianHoursToAccept),
        color: COLORS.bar,
        axis: 'y',
      },
      {
        key: 'medianDaysToComplete',
        label: ui.medianDaysToComplete,
        data: services.map((s) => by(s).medianDaysToComplete),
        color: COLORS.second,
        axis: 'y1',
      },
    ],
    axisTitle: ui.hours,
    secondAxisTitle: ui.days,
    table: {
      corner: ui.serviceCol,
      headers: [ui.referrals, ui.openReferrals, ui.medianHoursToAccept, ui.medianDaysToComplete],
      rows: services.map((s) => ({
        label: term(d, d.service, s),
        cells: [by(s).referrals, by(s).open, by(s).medianHoursToAccept ?? '–', by(s).medianDaysToComplete ?? '–'],
      })),
    },
    unavailable: data.view === 'public' ? ui.analystsOnly : undefined,
  };
}
