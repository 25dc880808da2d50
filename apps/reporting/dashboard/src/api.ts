/** What the reporting node's statistics API answers (see apps/reporting/src/tables). */
export type Cell = number | string;

export interface ShownTable {
  id: string;
  title: string;
  unit: string;
  rows: string[];
  columns: string[];
  /** A number; in the public view "<k" (a small count), "[c]" (hidden to protect one) or "withheld". */
  values: Record<string, Record<string, Cell>>;
  /** Public view: what the marks in this table mean, in each language. */
  note?: Record<'id' | 'en', string>;
}

export interface TablesResponse {
  year: number;
  district: string | null;
  view: 'internal' | 'public';
  countedBy?: 'reported' | 'incident';
  k?: number;
  targets?: Record<string, number>;
  tables: ShownTable[];
}

export interface SpmRow {
  indicator: string;
  numerator: number;
  denominator: number;
  coverage: number | null;
  target: number;
  met: boolean | null;
}

export interface Performance {
  referrals: number;
  accepted: number;
  completed: number;
  declined: number;
  open: number;
  medianHoursToAccept: number | null;
  medianDaysToComplete: number | null;
}

export interface ReferralPerformance {
  all: Performance;
  byService: Record<string, Performance>;
}

/** One view of one year and district, as the page draws it. */
export interface Loaded {
  view: 'internal' | 'public';
  /** The date its cases count by. */
  countedBy: 'reported' | 'incident';
  year: number;
  k: number;
  tables: Map<string, ShownTable>;
  /** SPM coverage per indicator: exact (internal) or from the suppressed counts (public). */
  spm: Array<{ indicator: string; numerator: Cell; denominator: Cell; coverage: number | null; target: number | null }>;
  /** Internal only. */
  referrals: ReferralPerformance | null;
}

/** A suppressed cell is drawn as nothing (a gap), never as a number. */
export const drawn = (cell: Cell | undefined): number | null => (typeof cell === 'number' ? cell : null);

export function coverageOf(numerator: Cell, denominator: Cell): number | null {
  if (typeof numerator !== 'number' || typeof denominator !== 'number' || denominator === 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}
