import { abs, combine, commonGcd, divideAll, gcd, indicator, type IntVec } from './sparse-int.js';

/**
 * Exact linear algebra for the bound (interval) check: a basis of the null space of a set of
 * 0/1 rows, and an exact simplex deciding whether a polyhedral cone contains a direction that
 * moves a target.
 */

/** Integer basis of { d : row·d = 0 for every row } over columns 0..n-1 (rows as sorted column lists). */
export function nullSpaceBasis(rows: readonly (readonly number[])[], n: number): IntVec[] {
  const pivotRow = new Map<number, IntVec>();
  const colRows = new Map<number, Set<IntVec>>();
  const index = (row: IntVec) => {
    for (const col of row.keys()) {
      let set = colRows.get(col);
      if (!set) colRows.set(col, (set = new Set()));
      set.add(row);
    }
  };
  const unindex = (row: IntVec) => {
    for (const col of row.keys()) colRows.get(col)!.delete(row);
  };
  const seen = new Set<string>();
  for (const cols of rows) {
    const key = cols.join(',');
    if (cols.length === 0 || seen.has(key)) continue;
    seen.add(key);
    let vec = indicator(cols);
    for (const col of cols) {
      const row = pivotRow.get(col);
      const b = vec.get(col);
      if (!row || b === undefined) continue;
      vec = combine(row.get(col)!, vec, -b, row);
    }
    divideAll([vec], commonGcd([vec]));
    if (vec.size === 0) continue;
    const pivot = Math.min(...vec.keys());
    const a = vec.get(pivot)!;
    for (const other of [...(colRows.get(pivot) ?? [])]) {
      const b = other.get(pivot)!;
      const updated = combine(a, other, -b, vec);
      divideAll([updated], commonGcd([updated]));
      unindex(other);
      other.clear();
      for (const [c, v] of updated) other.set(c, v);
      index(other);
    }
    pivotRow.set(pivot, vec);
    index(vec);
  }
  const pivotOf = new Map<IntVec, number>();
  for (const [col, row] of pivotRow) pivotOf.set(row, col);
  const basis: IntVec[] = [];
  for (let free = 0; free < n; free++) {
    if (pivotRow.has(free)) continue;
    // d_free = L, d_pivot = -L·row[free]/row[pivot] for every row touching the free column.
    const touching = [...(colRows.get(free) ?? [])];
    let lcm = 1n;
    for (const row of touching) {
      const p = abs(row.get(pivotOf.get(row)!)!);
      lcm = (lcm / gcd(lcm, p)) * p;
    }
    const d: IntVec = new Map([[free, lcm]]);
    for (const row of touching) {
      const pivot = pivotOf.get(row)!;
      d.set(pivot, (-lcm * row.get(free)!) / row.get(pivot)!);
    }
    divideAll([d], commonGcd([d]));
    basis.push(d);
  }
  return basis;
}

const dot = (g: readonly bigint[], z: readonly bigint[]) => g.reduce((s, x, i) => s + x * z[i], 0n);

/** Rows split into independent blocks: variables linked by shared rows, rows grouped with their variables. */
function blocks(rows: readonly (readonly bigint[])[], m: number): { vars: number[]; rows: number[] }[] {
  const parent = Array.from({ length: m }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  const firstVar = rows.map((g) => g.findIndex((x) => x !== 0n));
  rows.forEach((g, i) => g.forEach((x, j) => x !== 0n && (parent[find(j)] = find(firstVar[i]))));
  const byRoot = new Map<number, { vars: number[]; rows: number[] }>();
  const of = (root: number) => {
    let b = byRoot.get(root);
    if (!b) byRoot.set(root, (b = { vars: [], rows: [] }));
    return b;
  };
  for (let j = 0; j < m; j++) of(find(j)).vars.push(j);
  rows.forEach((_, i) => firstVar[i] !== -1 && of(find(firstVar[i])).rows.push(i));
  return [...byRoot.values()];
}

/**
 * A z with g·z ≥ 0 for every row g and c·z > 0, or undefined if there is none. Exact: cheap
 * candidates first (c itself, single coordinates), then the simplex on the Farkas dual. The
 * witness is re-checked before it is returned.
 */
export function coneWitness(c: readonly bigint[], rows: readonly (readonly bigint[])[]): bigint[] | undefined {
  const m = c.length;
  if (c.every((x) => x === 0n)) return undefined;
  const admissible = (z: readonly bigint[]) => dot(c, z) > 0n && rows.every((g) => dot(g, z) >= 0n);
  if (admissible(c)) return [...c];
  for (let j = 0; j < m; j++) {
    if (c[j] === 0n) continue;
    const z = Array.from({ length: m }, (_, i) => (i === j ? (c[j] > 0n ? 1n : -1n) : 0n));
    if (admissible(z)) return z;
  }
  const z = farkasWitness(
    c,
    rows.filter((g) => g.some((x) => x !== 0n)),
  );
  if (z && !admissible(z)) throw new Error('internal: simplex witness does not check out');
  return z;
}

/**
 * The rows that hold with equality on the whole cone { z : g·z ≥ 0 for every row g } (its
 * "implicit equalities"), as indices; only `candidates` are examined, the others being known not
 * to be. A row is not implicit iff some z in the cone makes it strictly positive, so a witness for
 * the sum of the remaining candidates clears at least one of them per round. Equal rows (up to a
 * positive factor) are examined once, and independent blocks of variables separately.
 */
export function implicitEqualities(constraints: readonly (readonly bigint[])[], candidates: Iterable<number>): Set<number> {
  const m = constraints[0]?.length ?? 0;
  const keyOf = constraints.map((g) => {
    const d = g.reduce((acc, x) => gcd(acc, x), 0n);
    return d === 0n ? '' : g.map((x) => x / d).join(',');
  });
  const distinct = new Map<string, number>();
  keyOf.forEach((key, i) => key !== '' && !distinct.has(key) && distinct.set(key, i));
  const reps = [...distinct.values()];
  const wanted = new Set([...candidates].map((i) => keyOf[i]));
  const implicitKeys = new Set<string>(wanted.has('') ? [''] : []); // zero rows never move
  for (const block of blocks(
    reps.map((i) => constraints[i]),
    m,
  )) {
    const rows = block.rows.map((at) => block.vars.map((j) => constraints[reps[at]][j]));
    const open = new Set(block.rows.map((_, at) => at).filter((at) => wanted.has(keyOf[reps[block.rows[at]]])));
    // Cheap witnesses first: ±e_j when a column has one sign, and each open row itself.
    const clearBy = (z: readonly bigint[]) => {
      if (!rows.every((g) => dot(g, z) >= 0n)) return;
      for (const at of [...open]) if (dot(rows[at], z) > 0n) open.delete(at);
    };
    block.vars.forEach((_, j) => {
      const signs = new Set(rows.map((g) => (g[j] > 0n ? 1 : g[j] < 0n ? -1 : 0)));
      const unit = block.vars.map((__, i) => (i === j ? 1n : 0n));
      if (!signs.has(-1)) clearBy(unit);
      if (!signs.has(1)) clearBy(unit.map((x) => -x));
    });
    for (const at of [...open]) if (open.has(at)) clearBy(rows[at]);
    for (;;) {
      if (open.size === 0) break;
      const sum = block.vars.map((_, j) => [...open].reduce((s, at) => s + rows[at][j], 0n));
      const z = coneWitness(sum, rows);
      if (!z) break;
      for (const at of [...open]) if (dot(rows[at], z) > 0n) open.delete(at);
    }
    for (const at of open) implicitKeys.add(keyOf[reps[block.rows[at]]]);
  }
  return new Set([...candidates].filter((i) => implicitKeys.has(keyOf[i])));
}

/**
 * By Farkas' lemma, no z has G z ≥ 0 and c·z > 0 exactly when −c is a non-negative combination of
 * the rows of G: Gᵀλ = −c, λ ≥ 0. That system has one row per coordinate (few) instead of one per
 * constraint, so it is the one we solve: phase 1 of the simplex with one artificial per row. If
 * the artificials cannot reach 0, the optimal simplex multipliers y of phase 1 are the witness
 * (they satisfy the dual constraints G z ≥ 0 and c·z = optimum > 0 after undoing row signs).
 * Rows are integral and only ever rescaled by positive factors, so signs and ratio tests are exact;
 * the objective row's scale is tracked to read y back.
 */
function farkasWitness(c: readonly bigint[], g: readonly (readonly bigint[])[]): bigint[] | undefined {
  const m = c.length;
  const r = g.length;
  const width = r + m; // λ, then the artificials; then the right-hand side
  const signs = c.map((x) => (x > 0n ? -1n : 1n)); // keeps every right-hand side −c_j ≥ 0
  const tableau: bigint[][] = [];
  for (let j = 0; j < m; j++) {
    const row = new Array<bigint>(width + 1).fill(0n);
    for (let i = 0; i < r; i++) row[i] = signs[j] * g[i][j];
    row[r + j] = 1n;
    row[width] = -signs[j] * c[j];
    tableau.push(row);
  }
  const basis = [...Array(m).keys()].map((j) => r + j);
  // Reduced costs of "minimize the sum of the artificials", times scaleNum/scaleDen > 0.
  const objective = new Array<bigint>(width + 1).fill(0n);
  for (const row of tableau) {
    for (let i = 0; i < r; i++) objective[i] -= row[i];
    objective[width] -= row[width];
  }
  let scaleNum = 1n;
  let scaleDen = 1n;
  let degenerate = 0;
  let bland = false;
  for (;;) {
    // Dantzig's rule (most negative reduced cost) is fast; after a run of degenerate pivots switch
    // to Bland's rule (first negative, smallest leaving variable), which cannot cycle.
    let entering = -1;
    for (let j = 0; j < width; j++) {
      if (objective[j] >= 0n) continue;
      if (entering === -1 || (!bland && objective[j] < objective[entering])) entering = j;
      if (bland) break;
    }
    if (entering === -1) break;
    let leave = -1;
    for (let i = 0; i < m; i++) {
      const a = tableau[i][entering];
      if (a <= 0n) continue;
      if (leave === -1) {
        leave = i;
        continue;
      }
      const lhs = tableau[i][width] * tableau[leave][entering];
      const rhs = tableau[leave][width] * a;
      if (lhs < rhs || (lhs === rhs && basis[i] < basis[leave])) leave = i;
    }
    if (leave === -1) throw new Error('internal: phase 1 cannot be unbounded');
    const pivotRow = tableau[leave];
    const p = pivotRow[entering];
    const support: number[] = [];
    for (let j = 0; j <= width; j++) if (pivotRow[j] !== 0n) support.push(j);
    for (let i = 0; i < m; i++) if (i !== leave) eliminateTracked(tableau[i], pivotRow, support, entering, width);
    if (objective[entering] !== 0n) {
      // The objective row is multiplied by p and divided by the common factor: track its scale.
      scaleNum *= p;
      scaleDen *= eliminateTracked(objective, pivotRow, support, entering, width);
      const d = gcd(scaleNum, scaleDen);
      scaleNum /= d;
      scaleDen /= d;
    }
    basis[leave] = entering;
    if (pivotRow[width] === 0n) bland ||= ++degenerate > 2 * m;
    else degenerate = 0;
  }
  if (objective[width] === 0n) return undefined; // −c is in the cone: no direction
  // objective[r + j] = scale · (1 − y_j); z_j = −sign_j · y_j, up to the positive factor 1/scaleNum.
  const z = signs.map((sign, j) => -sign * (scaleNum - objective[r + j] * scaleDen));
  const d = z.reduce((acc, x) => gcd(acc, x), 0n);
  return d > 1n ? z.map((x) => x / d) : z;
}

/**
 * row ← (row·p − row[col]·pivot) / gcd; returns the gcd divided out (1 if none). With p = 1 (the
 * usual case for 0/±1 data) only the pivot row's non-zeros (`support`) change and nothing is
 * multiplied, so the gcd pass is skipped; otherwise the gcd keeps the entries small.
 */
function eliminateTracked(row: bigint[], pivot: readonly bigint[], support: readonly number[], col: number, width: number): bigint {
  const p = pivot[col];
  const b = row[col];
  if (b === 0n) return 1n;
  if (p === 1n) {
    for (const j of support) row[j] -= b * pivot[j];
    return 1n;
  }
  let common = 0n;
  for (let j = 0; j <= width; j++) {
    const pj = pivot[j];
    const rj = row[j];
    if (pj === 0n && rj === 0n) continue;
    const next = rj * p - b * pj;
    row[j] = next;
    if (next !== 0n && common !== 1n) common = gcd(common, next);
  }
  if (common > 1n) for (let j = 0; j <= width; j++) if (row[j] !== 0n) row[j] /= common;
  return common > 1n ? common : 1n;
}

/** v·basis_j for every basis vector j, for a 0/1 vector given by its columns. */
export function project(cols: readonly number[], byColumn: ReadonlyMap<number, readonly [number, bigint][]>, m: number): bigint[] {
  const out = new Array<bigint>(m).fill(0n);
  for (const col of cols) for (const [j, v] of byColumn.get(col) ?? []) out[j] += v;
  return out;
}

/** column -> [(basis index, entry)], the transpose used by `project`. */
export function byColumn(basis: readonly IntVec[]): Map<number, [number, bigint][]> {
  const out = new Map<number, [number, bigint][]>();
  basis.forEach((d, j) => {
    for (const [col, v] of d) {
      let list = out.get(col);
      if (!list) out.set(col, (list = []));
      list.push([j, v]);
    }
  });
  return out;
}
