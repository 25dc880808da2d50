import { CellSpan } from './exact-span.js';
import { byColumn, implicitEqualities, nullSpaceBasis, project } from './feasible-direction.js';

/**
 * Small-count suppression with complementary suppression for the public statistics.
 *
 * MODEL. Every published figure is a sum over microdata units ("atoms", the finest
 * cross-classification the caller uses, e.g. year × month × district × sex × age group). A table
 * cell, a row or grand total, the same table filtered to one district, a yearly table and its
 * quarterly or monthly tables are all just cells over the same atoms, so protection "across
 * tables, filters and periods" is one problem: a cell's vector is the 0/1 indicator of its atoms.
 * Pass every figure that is (or was) public about the same data as a cell, or it is not covered.
 *
 * PRIMARY SUPPRESSION. 0 < value < k is shown as "<k" (k defaults to 5 and must be ≥ 3).
 * Zero is published as 0: it names nobody, and in sparse tables the zeros are most of what there
 * is to say. What a published 0 tells an attacker is modelled, not ignored: every atom of a
 * published zero cell is known to be 0 (counts are not negative), so those atoms are taken out
 * before any check; and since zeros are always printed, every "<k" is known to be ≥ 1 (hence
 * k ≥ 3: "<2" would mean 1).
 *
 * PART 1, DIFFERENCING (exact). While some primary cell's vector lies in the rational span of
 * the published cells' vectors — it equals some sum/difference/multiple of published figures —
 * suppress a published cell that takes part in such a combination (smallest value, then smallest
 * id) and ask again. Zero cells are never needed as complements: without their (known) atoms
 * their vectors are empty, so they take part in no combination, and suppressing every non-zero
 * published cell always ends the loop (an empty span contains no cell with an unknown atom).
 * Suppressing only shrinks the span, so a safe cell stays safe and one pass over the primary
 * cells is enough. Integer arithmetic on bigint (gcd-normalized), never floating point.
 * Complementary cells (value ≥ k) need no protection of their own.
 *
 * PART 2, BOUNDS (sufficient check). Equations are not all the attacker has: atoms ≥ 0, atoms of
 * published zeros = 0, "<k" ⇒ 1..k−1 and — assuming the worst, that complements can be told
 * apart — complement ⇒ ≥ k. A primary cell is disclosed if these pin its value, e.g. 1 + 1 + 8 =
 * 10 with both 1s suppressed: neither is derivable, but each is ≥ 1 and together they are 2.
 * A cell is certified free by a feasible direction at the true data that changes it: d with
 * published·d = 0 that respects every bound tight at the true data, moving only atom classes
 * whose true count is positive (so a small step keeps them ≥ 0). All these directions form one
 * cone K for every target, so instead of one LP per cell we compute K's implicit equalities
 * (the tight cells K can never move; a few exact LPs per round, see BoundAudit); a cell is then
 * free iff it is not a linear combination of the published cells and those pinned ones — part 1's
 * span check again. A pinned cell gets a complement (one from that linear combination, else a
 * published neighbour; smallest value first) and the round repeats. Directions into empty
 * classes are not searched, so the check is sufficient, not necessary: it may suppress more than
 * strictly needed, never less.
 *
 * GUARANTEES.
 * - No primary cell is a rational linear combination of published cells, once every published
 *   zero has been used (exact; the attacker spec checks this with an independent solver).
 * - No primary cell outside `unprotected` has a single possible value over the real-valued data
 *   consistent with the view (published values, zeros, non-negativity, "<k" ⇒ 1..k−1,
 *   complement ⇒ ≥ k): the LP-relaxation audit statistical offices use.
 * - `unprotected` lists primary cells the check cannot clear even with every non-zero cell
 *   suppressed, so no complement is tried for them. Typically they really are pinned by the zeros
 *   and "<k" alone, e.g. a "<5" total whose four "<5" parts must each be 1 because its other
 *   parts are printed as 0 (an independent LP audit of the spec's data confirmed ~90-95% of
 *   them). Do not publish a view with a non-empty `unprotected`: coarsen it (fewer filters ×
 *   periods, merged categories) or stop printing zeros as 0 for it.
 * NOT GUARANTEED: a useful width of the interval (only "more than one value"); integer
 * reasoning beyond the LP relaxation (for a 2-D table with margins the relaxation is exact, for
 * linked tables an interval could in principle hold a single integer); knowledge from outside
 * the view (a victim's own case, releases not passed in as cells); minimality of the complements
 * (greedy).
 *
 * COST. Atoms in exactly the same cells are merged into one class first. Part 1 maintains an
 * RREF of the published cells with each row's cell combination and removes rows as cells get
 * suppressed: about (cells × rank × row width) small-bigint operations. Part 2 works on the
 * positive classes only (at most the number of cases): per round one null space, a handful of
 * exact LPs with one row per null-space dimension, and one span. A city year (20 districts,
 * 200 cases, ~4,000 cells over ~3,400 atoms) takes a few seconds.
 */
export interface Atom {
  id: string;
  count: number;
}

export interface PublishedCell {
  id: string;
  /** Atom ids whose counts this cell sums. */
  atoms: readonly string[];
}

export interface SuppressOptions {
  /** Threshold: 0 < value < k is suppressed. Default 5; at least 3. */
  k?: number;
  /** Only part 1 (differencing), no bound check: `unprotected` stays empty. For tests and comparisons. */
  linearOnly?: boolean;
  /** Primary suppression only, no complements. Unsafe; for tests that show the complements matter. */
  primaryOnly?: boolean;
}

export interface SuppressionResult {
  /** Cells shown as numbers, by id. */
  published: Map<string, number>;
  /** primary ∪ complementary */
  suppressed: Set<string>;
  /** 0 < value < k, shown as "<k". */
  primary: Set<string>;
  /** Value ≥ k but hidden so that no primary cell can be recovered. */
  complementary: Set<string>;
  /** Primary cells the bound check cannot clear whatever is suppressed (see above): do not publish if non-empty. */
  unprotected: Set<string>;
}

export const DEFAULT_K = 5;

export function suppress(atoms: readonly Atom[], cells: readonly PublishedCell[], options: SuppressOptions = {}): SuppressionResult {
  const k = options.k ?? DEFAULT_K;
  if (!Number.isInteger(k) || k < 3) throw new RangeError(`k must be an integer ≥ 3 (got ${k}); with zeros printed, "<2" would mean 1`);

  const atomList = [...atoms].sort((a, b) => compare(a.id, b.id));
  const atomIndex = new Map<string, number>();
  for (const [i, atom] of atomList.entries()) {
    if (atomIndex.has(atom.id)) throw new Error(`duplicate atom id ${atom.id}`);
    if (!Number.isSafeInteger(atom.count) || atom.count < 0) throw new RangeError(`atom ${atom.id}: count must be a non-negative integer`);
    atomIndex.set(atom.id, i);
  }
  const cellList = [...cells].sort((a, b) => compare(a.id, b.id));
  const cellAtoms: number[][] = [];
  const value: number[] = [];
  for (const [i, cell] of cellList.entries()) {
    if (i > 0 && cellList[i - 1].id === cell.id) throw new Error(`duplicate cell id ${cell.id}`);
    const members = cell.atoms.map((id) => {
      const at = atomIndex.get(id);
      if (at === undefined) throw new Error(`cell ${cell.id}: unknown atom ${id}`);
      return at;
    });
    members.sort((a, b) => a - b);
    for (let j = 1; j < members.length; j++) if (members[j] === members[j - 1]) throw new Error(`cell ${cell.id}: atom listed twice`);
    cellAtoms.push(members);
    value.push(members.reduce((s, a) => s + atomList[a].count, 0));
  }

  const n = cellList.length;
  const isPrimary = value.map((v) => v > 0 && v < k);
  const isSuppressed = [...isPrimary];
  const primaryCells = [...Array(n).keys()].filter((i) => isPrimary[i]);
  const complementary: number[] = [];
  const unprotected: number[] = [];

  if (!options.primaryOnly && primaryCells.length > 0) {
    // Atoms of a published zero are known to be zero; the rest are merged by the cells they are in.
    const knownZero = new Array<boolean>(atomList.length).fill(false);
    for (let i = 0; i < n; i++) if (value[i] === 0) for (const a of cellAtoms[i]) knownZero[a] = true;
    const memberOf: number[][] = atomList.map(() => []);
    for (let i = 0; i < n; i++) for (const a of cellAtoms[i]) if (!knownZero[a]) memberOf[a].push(i);
    const classOf = new Map<string, number>();
    const classCount: number[] = [];
    const vectors: number[][] = cellList.map(() => []);
    for (let a = 0; a < atomList.length; a++) {
      if (knownZero[a] || memberOf[a].length === 0) continue;
      const key = memberOf[a].join(',');
      let cls = classOf.get(key);
      if (cls === undefined) {
        classOf.set(key, (cls = classCount.length));
        classCount.push(0);
        for (const i of memberOf[a]) vectors[i].push(cls);
      }
      classCount[cls] += atomList[a].count;
    }

    const suppressCell = (i: number) => {
      isSuppressed[i] = true;
      complementary.push(i);
    };
    const byValueThenId = (a: number, b: number) => value[a] - value[b] || a - b;

    // Part 1: differencing.
    const span = new CellSpan();
    for (let i = 0; i < n; i++) if (!isSuppressed[i] && vectors[i].length > 0) span.add(i, vectors[i]);
    for (const t of primaryCells) {
      for (let combo = span.combination(vectors[t]); combo; combo = span.combination(vectors[t])) {
        const pick = combo.filter((i) => !isSuppressed[i]).sort(byValueThenId)[0];
        if (pick === undefined) throw new Error('internal: combination without a published cell');
        suppressCell(pick);
        span.remove(pick);
      }
    }

    // Part 2: bounds.
    if (!options.linearOnly) {
      const audit = new BoundAudit(k, classCount, vectors, value, isPrimary);
      // If t is pinned even with every non-zero cell suppressed, no complement can help.
      const everything = audit.evaluate((i) => value[i] > 0);
      const hopeless = new Set(primaryCells.filter((t) => everything.pinned(t)));
      for (;;) {
        const state = audit.evaluate((i) => isSuppressed[i], true);
        const open = primaryCells.filter((t) => !hopeless.has(t) && state.pinned(t));
        if (open.length === 0) break;
        // One complement per pinned cell and round; a cell sharing classes with one already
        // handled this round waits: that complement may free it too.
        const handled = new Set<number>();
        for (const t of open) {
          if (audit.touches(t, handled)) continue;
          const pick = state.breaker(t, byValueThenId) ?? audit.neighbour(t, (i) => isSuppressed[i], byValueThenId);
          if (pick === undefined) {
            hopeless.add(t);
            continue;
          }
          suppressCell(pick);
          audit.mark(t, handled);
        }
      }
      unprotected.push(...hopeless);
    }
  }

  const published = new Map<string, number>();
  for (let i = 0; i < n; i++) if (!isSuppressed[i]) published.set(cellList[i].id, value[i]);
  const ids = (list: readonly number[]) => new Set([...list].sort((a, b) => a - b).map((i) => cellList[i].id));
  return {
    published,
    suppressed: ids([...Array(n).keys()].filter((i) => isSuppressed[i])),
    primary: ids(primaryCells),
    complementary: ids(complementary),
    unprotected: ids(unprotected),
  };
}

interface AuditState {
  /** Whether the view may pin t (not certified free). */
  pinned(t: number): boolean;
  /** A published cell whose suppression breaks the linear reason t is pinned, if any. */
  breaker(t: number, order: (a: number, b: number) => number): number | undefined;
}

/**
 * The bound check of part 2, on the classes with a positive count (moves that keep every
 * such class positive for a small enough step; empty classes stay empty).
 *
 * Let K be the cone of directions d with published·d = 0 and, for every suppressed cell whose
 * bound is tight at the true data, the right sign (a "<k" cell at 1 cannot fall, at k−1 cannot
 * rise, a complement at k cannot fall). K is the same for every target, so instead of one LP per
 * primary cell we find the tight cells that K can never move (its implicit equalities E, a few
 * exact LPs per state) — then the span of K is { d : published·d = 0, E·d = 0 } and a primary
 * cell t can move iff t is NOT a linear combination of the published cells and E. That last test
 * is the exact span check of part 1 again. States only grow K (suppressing turns an equation
 * into a bound that was already satisfied with equality), so a cell seen moving keeps moving.
 */
class BoundAudit {
  private readonly positive: number[][];
  private readonly width: number;
  /** Tight cells already seen to move; they keep moving in every later state. */
  private readonly moving = new Set<number>();

  constructor(
    private readonly k: number,
    classCount: readonly number[],
    vectors: readonly number[][],
    private readonly value: readonly number[],
    private readonly isPrimary: readonly boolean[],
  ) {
    const renum = new Map<number, number>();
    classCount.forEach((count, cls) => {
      if (count > 0) renum.set(cls, renum.size);
    });
    this.positive = vectors.map((cols) => cols.flatMap((c) => (renum.has(c) ? [renum.get(c)!] : [])));
    this.width = renum.size;
  }

  evaluate(suppressed: (i: number) => boolean, monotone = false): AuditState {
    const cells = [...this.value.keys()].filter((i) => this.value[i] > 0 && this.positive[i].length > 0);
    const published = cells.filter((i) => !suppressed(i));
    const basis = nullSpaceBasis(
      published.map((i) => this.positive[i]),
      this.width,
    );
    const columns = byColumn(basis);
    const tight: number[] = [];
    const rows: bigint[][] = [];
    for (const i of cells) {
      if (!suppressed(i)) continue;
      const v = this.value[i];
      const floor = this.isPrimary[i] ? v === 1 : v === this.k;
      const ceiling = this.isPrimary[i] && v === this.k - 1;
      if (!floor && !ceiling) continue;
      const g = project(this.positive[i], columns, basis.length);
      tight.push(i);
      rows.push(ceiling ? g.map((x) => -x) : g);
    }
    const candidates = [...tight.keys()].filter((at) => !(monotone && this.moving.has(tight[at])));
    const implicit = implicitEqualities(rows, candidates);
    if (monotone) tight.forEach((i, at) => implicit.has(at) || this.moving.add(i));
    const span = new CellSpan();
    for (const i of published) span.add(i, this.positive[i]);
    for (const at of implicit) span.add(tight[at], this.positive[tight[at]]);
    return {
      pinned: (t) => span.combination(this.positive[t]) !== undefined,
      breaker: (t, order) => (span.combination(this.positive[t]) ?? []).filter((i) => !suppressed(i)).sort(order)[0],
    };
  }

  touches(t: number, classes: ReadonlySet<number>): boolean {
    return this.positive[t].some((c) => classes.has(c));
  }

  mark(t: number, classes: Set<number>): void {
    for (const c of this.positive[t]) classes.add(c);
  }

  /** The published non-zero cell sharing positive classes with t (or, failing that, with its suppressed neighbours). */
  neighbour(t: number, suppressed: (i: number) => boolean, order: (a: number, b: number) => number): number | undefined {
    const reached = new Set(this.positive[t]);
    const touches = (i: number) => this.positive[i].some((c) => reached.has(c));
    for (;;) {
      const candidates = [...this.value.keys()].filter(
        (i) => !suppressed(i) && this.value[i] > 0 && this.positive[i].length > 0 && touches(i),
      );
      if (candidates.length > 0) return candidates.sort(order)[0];
      const before = reached.size;
      this.positive.forEach((cols, i) => {
        if (suppressed(i) && touches(i)) for (const c of cols) reached.add(c);
      });
      if (reached.size === before) return undefined;
    }
  }
}

/** Code-unit order: independent of locale, so the same input gives the same output everywhere. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
