import { combine, commonGcd, divideAll, indicator, type IntVec } from './sparse-int.js';

/**
 * The rational span of the published cells, kept as an integer reduced row echelon form (RREF)
 * that can both grow (add a cell) and shrink (remove a cell that has just been suppressed).
 *
 * Every row carries `combo`, the cells it is made of: row.vec = Σ combo[cell] · vector(cell).
 * Rows start as [vector | unit] and only ever undergo invertible row operations, so the combos
 * always form a basis of the space of cell combinations. Rows whose vector is zero ("relations")
 * record dependencies between cells. That is what makes removal exact:
 * - if some relation uses the cell, the cell was redundant: eliminate it from the other rows
 *   with that relation and drop the relation; the span does not change;
 * - otherwise eliminate it with the (unique) pivot row that uses it and drop that row; the span
 *   loses exactly one dimension and the remaining rows are still in RREF (each pivot column is
 *   non-zero in its own row only), because the dropped row was zero on every other pivot column.
 */
interface Row {
  vec: IntVec;
  combo: IntVec;
  /** Pivot column, or -1 for a relation (vec is empty). */
  pivot: number;
}

export class CellSpan {
  private readonly rows = new Map<number, Row>();
  private nextRowId = 0;
  private readonly pivotRow = new Map<number, number>();
  /** column -> rows with a non-zero entry there (keeps RREF maintenance local) */
  private readonly colRows = new Map<number, Set<number>>();
  /** cell -> rows whose combination uses it */
  private readonly cellRows = new Map<number, Set<number>>();

  get rank(): number {
    return this.pivotRow.size;
  }

  /** Adds a cell given as the sorted list of the columns (atom classes) it sums. */
  add(cell: number, cols: readonly number[]): void {
    let vec = indicator(cols);
    let combo: IntVec = new Map([[cell, 1n]]);
    // RREF rows are zero on every other pivot column, so one pass over the original pivots suffices.
    for (const col of cols) {
      const rowId = this.pivotRow.get(col);
      if (rowId === undefined) continue;
      const row = this.rows.get(rowId)!;
      const a = row.vec.get(col)!;
      const b = vec.get(col);
      if (b === undefined) continue;
      vec = combine(a, vec, -b, row.vec);
      combo = combine(a, combo, -b, row.combo);
    }
    divideAll([vec, combo], commonGcd([vec, combo]));
    if (vec.size === 0) {
      this.setRow(this.nextRowId++, { vec, combo, pivot: -1 });
      return;
    }
    // Pivot on the column touched by the fewest rows: the fewest updates to restore RREF.
    let pivot = -1;
    let best = Infinity;
    for (const col of vec.keys()) {
      const n = this.colRows.get(col)?.size ?? 0;
      if (n < best || (n === best && col < pivot)) [pivot, best] = [col, n];
    }
    const fresh: Row = { vec, combo, pivot };
    const a = vec.get(pivot)!;
    for (const otherId of [...(this.colRows.get(pivot) ?? [])]) {
      const other = this.rows.get(otherId)!;
      const b = other.vec.get(pivot)!;
      this.setRow(otherId, this.normalized(combine(a, other.vec, -b, vec), combine(a, other.combo, -b, combo), other.pivot));
    }
    const id = this.nextRowId++;
    this.setRow(id, fresh);
    this.pivotRow.set(pivot, id);
  }

  /** Takes a cell out of the span (it has been suppressed). Unknown cells are ignored. */
  remove(cell: number): void {
    const using = [...(this.cellRows.get(cell) ?? [])].sort((x, y) => x - y);
    if (using.length === 0) return;
    const cost = (id: number) => {
      const r = this.rows.get(id)!;
      // A relation first (the span does not shrink), then the cheapest row.
      return (r.pivot === -1 ? 0 : 1e12) + r.vec.size + r.combo.size;
    };
    let chosen = using[0];
    for (const id of using) if (cost(id) < cost(chosen)) chosen = id;
    const r = this.rows.get(chosen)!;
    const a = r.combo.get(cell)!;
    for (const id of using) {
      if (id === chosen) continue;
      const x = this.rows.get(id)!;
      const b = x.combo.get(cell)!;
      this.setRow(id, this.normalized(combine(a, x.vec, -b, r.vec), combine(a, x.combo, -b, r.combo), x.pivot));
    }
    this.deleteRow(chosen);
    if (r.pivot !== -1) this.pivotRow.delete(r.pivot);
  }

  /**
   * If the target (sorted columns) is an exact rational combination of the cells in the span,
   * returns the cells with a non-zero coefficient in one such combination (ascending); otherwise
   * undefined.
   */
  combination(cols: readonly number[]): number[] | undefined {
    // Invariant: scale · target = acc + Σ coef[cell] · vector(cell).
    let acc = indicator(cols);
    let coef: IntVec = new Map();
    let scale = 1n;
    for (const col of cols) {
      const rowId = this.pivotRow.get(col);
      if (rowId === undefined) continue;
      const row = this.rows.get(rowId)!;
      const a = row.vec.get(col)!;
      const b = acc.get(col);
      if (b === undefined) continue;
      acc = combine(a, acc, -b, row.vec);
      coef = combine(a, coef, b, row.combo);
      scale *= a;
      const g = commonGcd([acc, coef], [scale]);
      divideAll([acc, coef], g);
      scale /= g;
    }
    if (acc.size !== 0) return undefined;
    return [...coef.keys()].sort((x, y) => x - y);
  }

  private normalized(vec: IntVec, combo: IntVec, pivot: number): Row {
    divideAll([vec, combo], commonGcd([vec, combo]));
    return { vec, combo, pivot };
  }

  private setRow(id: number, row: Row): void {
    if (this.rows.has(id)) this.deleteRow(id);
    this.rows.set(id, row);
    for (const col of row.vec.keys()) getOrAdd(this.colRows, col).add(id);
    for (const cell of row.combo.keys()) getOrAdd(this.cellRows, cell).add(id);
  }

  private deleteRow(id: number): void {
    const row = this.rows.get(id)!;
    for (const col of row.vec.keys()) this.colRows.get(col)!.delete(id);
    for (const cell of row.combo.keys()) this.cellRows.get(cell)!.delete(id);
    this.rows.delete(id);
  }
}

function getOrAdd<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
