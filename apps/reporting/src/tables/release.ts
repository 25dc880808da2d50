import { DICTIONARY, HIDDEN_MARK, LANGUAGES, type Language } from '@rujukan/contracts';
import { suppress, type SuppressionResult } from '../publish/suppress.js';
import { nationalBreakdowns } from './breakdowns.js';
import type { Facts } from './facts.js';
import { spmTable } from './spm.js';
import type { StatTable } from './stat-table.js';

/**
 * A table as the API and the exports give it: exact numbers, or in the public
 * view "<k" (a small count), HIDDEN_MARK (a count of k or more hidden to
 * protect one) or WITHHELD (the whole table), with a note saying what each
 * mark in it means.
 */
export interface ShownTable {
  id: string;
  title: string;
  unit: StatTable['unit'];
  rows: string[];
  columns: string[];
  values: Record<string, Record<string, number | string>>;
  /** Public view only, when the table holds a mark: one sentence per mark, in each language. */
  note?: Record<Language, string>;
}

export interface Release {
  /** Which year and filter this is (district null: the whole region). */
  year: number;
  district: string | null;
  tables: StatTable[];
}

/** All the tables of a year for one filter. */
export function tablesFor(facts: Facts, year: number): StatTable[] {
  return [...nationalBreakdowns(facts, year), spmTable(facts, year)];
}

export function showExact(tables: readonly StatTable[]): ShownTable[] {
  return tables.map((t) => show(t, (cell) => cell.value));
}

function show(t: StatTable, value: (cell: StatTable['cells'][number], id: string) => number | string): ShownTable {
  const values: ShownTable['values'] = {};
  for (const cell of t.cells) (values[cell.row] ??= {})[cell.column] = value(cell, `${t.id}/${cell.row}/${cell.column}`);
  return { id: t.id, title: t.title, unit: t.unit, rows: t.rows, columns: t.columns, values };
}

/** Shown in place of a table whose small counts could not be protected in any other way. */
export const WITHHELD = 'withheld';

/** The note of a public table: a sentence for each mark it holds, from the one dictionary; none without marks. */
export function noteFor(table: Pick<ShownTable, 'rows' | 'columns' | 'values'>, k: number): Record<Language, string> | undefined {
  const printed = new Set(table.rows.flatMap((r) => table.columns.map((c) => table.values[r]?.[c])));
  const marks = (['small', 'hidden', 'withheld'] as const).filter((m) =>
    printed.has(m === 'small' ? `<${k}` : m === 'hidden' ? HIDDEN_MARK : WITHHELD),
  );
  if (marks.length === 0) return undefined;
  const vars: Record<string, string> = { k: String(k), max: String(k - 1), mark: HIDDEN_MARK };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => vars[name]);
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, marks.map((m) => fill(DICTIONARY[lang].tableNote[m])).join(' ')])) as Record<
    Language,
    string
  >;
}

/**
 * The public view of every release that can be asked for, suppressed
 * together: every year, the whole region and each district, plus every
 * frozen release already published. Suppressing them together is what
 * stops a suppressed cell from being recovered by subtracting one published
 * table, filter or period from another.
 *
 * Printed zeros can pin a small count by bounds alone (a "<5" total whose
 * other parts are 0), whatever else is hidden. A table holding such a cell
 * is withheld whole (every value shown as "withheld") and the suppression
 * runs again without it, until no small count is pinned: withholding only
 * removes what the public can see.
 *
 * Printing: a primary cell (1..k-1) is "<k"; a complementary one, hidden
 * only to protect a primary, is HIDDEN_MARK, never "<k": its count is k or
 * more, so "<k" would be false. Saying so gives nothing away: the bound
 * check in suppress.ts already assumes the public can tell complements
 * apart and knows each is at least k. The marks change only how a hidden
 * cell is printed, never which cells are hidden.
 */
export function publicReleases(
  releases: readonly Release[],
  k: number,
): { shown: Map<string, ShownTable[]>; withheld: Set<string>; suppression: SuppressionResult } {
  const key = (r: Release) => `${r.year}/${r.district ?? '*'}`;
  const withheld = new Set<string>(); // `<release>/<table>`
  for (;;) {
    const cells = releases.flatMap((r) =>
      r.tables
        .filter((t) => !withheld.has(`${key(r)}/${t.id}`))
        .flatMap((t) => t.cells.map((c) => ({ id: `${key(r)}/${t.id}/${c.row}/${c.column}`, atoms: c.units }))),
    );
    const atoms = [...new Set(cells.flatMap((c) => c.atoms))].map((id) => ({ id, count: 1 }));
    const result = suppress(atoms, cells, { k });
    if (result.unprotected.size) {
      for (const id of result.unprotected) withheld.add(id.split('/').slice(0, 3).join('/'));
      continue;
    }
    const shown = new Map<string, ShownTable[]>();
    for (const r of releases) {
      shown.set(
        key(r),
        r.tables.map((t) =>
          withNote(
            show(t, (_cell, id) => {
              const full = `${key(r)}/${id}`;
              if (withheld.has(`${key(r)}/${t.id}`)) return WITHHELD;
              const value = result.published.get(full);
              if (value !== undefined) return value;
              if (result.primary.has(full)) return `<${k}`;
              if (result.complementary.has(full)) return HIDDEN_MARK;
              throw new Error(`internal: ${full} is neither published nor suppressed`);
            }),
            k,
          ),
        ),
      );
    }
    return { shown, withheld, suppression: result };
  }
}

function withNote(table: ShownTable, k: number): ShownTable {
  const note = noteFor(table, k);
  return note ? { ...table, note } : table;
}

export const releaseKey = (year: number, district: string | null) => `${year}/${district ?? '*'}`;
