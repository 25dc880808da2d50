/**
 * One published table: rows by columns of counts. Every cell also lists the
 * units it counts (pseudonymous victim, case or referral ids): the public
 * view's suppression treats all tables, filters and periods as sums over
 * the same units, so no cell can be recovered by differencing any of them.
 */
export interface Cell {
  row: string;
  column: string;
  value: number;
  units: string[];
}

export interface StatTable {
  id: string;
  title: string;
  /** What is counted: each unit once per cell. */
  unit: 'cases' | 'victims' | 'perpetrators' | 'referrals' | 'records';
  rows: string[];
  columns: string[];
  cells: Cell[];
}

/** Builds a table from units and a classifier; adds a total column and a total row. */
export function crossTable<T>(
  spec: { id: string; title: string; unit: StatTable['unit']; rows: readonly string[]; columns: readonly string[] },
  items: readonly T[],
  classify: (item: T) => Array<{ row: string; column: string; unit: string }>,
): StatTable {
  const units = new Map<string, Set<string>>();
  const add = (row: string, column: string, unit: string) => {
    const key = `${row}\u0000${column}`;
    if (!units.has(key)) units.set(key, new Set());
    units.get(key)!.add(unit);
  };
  for (const item of items) {
    for (const c of classify(item)) {
      if (!spec.rows.includes(c.row) || !spec.columns.includes(c.column)) continue;
      add(c.row, c.column, c.unit);
      add(c.row, 'total', c.unit);
      add('total', c.column, c.unit);
      add('total', 'total', c.unit);
    }
  }
  const rows = [...spec.rows, 'total'];
  const columns = [...spec.columns, 'total'];
  const cells = rows.flatMap((row) =>
    columns.map((column) => {
      const u = [...(units.get(`${row}\u0000${column}`) ?? [])].sort();
      return { row, column, value: u.length, units: u };
    }),
  );
  return { id: spec.id, title: spec.title, unit: spec.unit, rows, columns, cells };
}

/** The value of one cell (0 when absent). */
export function valueAt(table: StatTable, row: string, column: string): number {
  return table.cells.find((c) => c.row === row && c.column === column)?.value ?? 0;
}
