import { describe, expect, it } from '@jest/globals';
import { suppress, type Atom, type PublishedCell, type SuppressionResult } from './suppress.js';

/** A table as atoms: one atom per interior cell, plus cells for the interior, row, column and grand totals. */
function table(rows: number[][], prefix = ''): { atoms: Atom[]; cells: PublishedCell[] } {
  const atoms: Atom[] = [];
  const cells: PublishedCell[] = [];
  rows.forEach((row, r) =>
    row.forEach((count, c) => {
      atoms.push({ id: `${prefix}a${r}${c}`, count });
      cells.push({ id: `${prefix}r${r}c${c}`, atoms: [`${prefix}a${r}${c}`] });
    }),
  );
  rows.forEach((row, r) => cells.push({ id: `${prefix}r${r}*`, atoms: row.map((_, c) => `${prefix}a${r}${c}`) }));
  rows[0].forEach((_, c) => cells.push({ id: `${prefix}*c${c}`, atoms: rows.map((_, r) => `${prefix}a${r}${c}`) }));
  cells.push({ id: `${prefix}**`, atoms: atoms.map((a) => a.id) });
  return { atoms, cells };
}

/**
 * An independent, brute-force attacker for tiny inputs: every assignment of non-negative integers
 * to the atoms that agrees with the public view — published values, "<k" meaning 1..k−1 (zeros
 * are printed), complementary cells ≥ k — and the set of values the target cell takes in them
 * (stops at two). Atoms bounded by nothing published are capped at `cap`.
 */
function possibleValues(
  atoms: readonly Atom[],
  cells: readonly PublishedCell[],
  view: SuppressionResult,
  k: number,
  target: string,
  cap = 40,
): Set<number> {
  const ids = atoms.map((a) => a.id);
  const at = new Map(ids.map((id, i) => [id, i]));
  const constraints = cells.map((c) => {
    const members = c.atoms.map((a) => at.get(a)!).sort((x, y) => x - y);
    const published = view.published.get(c.id);
    const [lo, hi] = published !== undefined ? [published, published] : view.primary.has(c.id) ? [1, k - 1] : [k, Infinity];
    return { id: c.id, members, lo, hi, last: members[members.length - 1] };
  });
  const touching = ids.map((_, i) => constraints.filter((c) => c.members.includes(i)));
  const closing = ids.map((_, i) => constraints.filter((c) => c.last === i));
  const upper = ids.map((_, i) => Math.min(cap, ...touching[i].map((c) => c.hi)));
  const x = new Array<number>(ids.length).fill(0);
  const targetCell = constraints.find((c) => c.id === target)!;
  const seen = new Set<number>();
  const sum = (c: { members: number[] }, upto: number) => c.members.reduce((s, m) => s + (m <= upto ? x[m] : 0), 0);
  const search = (i: number): void => {
    if (seen.size > 1) return;
    if (i === ids.length) {
      seen.add(sum(targetCell, i));
      return;
    }
    for (let v = 0; v <= upper[i]; v++) {
      x[i] = v;
      if (touching[i].some((c) => sum(c, i) > c.hi)) break;
      if (closing[i].some((c) => sum(c, i) < c.lo)) continue;
      search(i + 1);
    }
  };
  search(0);
  return seen;
}

describe('small-count suppression', () => {
  it('hides a 3 in a 2×2 table with totals, with a complement in its row and its column', () => {
    const { atoms, cells } = table([
      [3, 10],
      [8, 12],
    ]);
    const result = suppress(atoms, cells, { k: 5 });
    expect([...result.primary]).toEqual(['r0c0']);
    expect(['r0c1', 'r0*'].some((id) => result.suppressed.has(id))).toBe(true);
    expect(['r1c0', '*c0'].some((id) => result.suppressed.has(id))).toBe(true);
    expect(result.unprotected.size).toBe(0);
    // Whatever an attacker combines, the 3 stays one of several possible values.
    expect(possibleValues(atoms, cells, result, 5, 'r0c0').size).toBeGreaterThan(1);
    // Without complements the totals give it away.
    const naive = suppress(atoms, cells, { k: 5, primaryOnly: true });
    expect([...possibleValues(atoms, cells, naive, 5, 'r0c0')]).toEqual([3]);
  });

  it('publishes everything when no count is below k', () => {
    const { atoms, cells } = table([
      [5, 10, 7],
      [8, 12, 30],
    ]);
    const result = suppress(atoms, cells);
    expect(result.suppressed.size).toBe(0);
    expect(result.published.size).toBe(cells.length);
    expect(result.published.get('**')).toBe(72);
  });

  it('publishes zeros and never needs to hide one', () => {
    const { atoms, cells } = table([
      [0, 2, 9],
      [0, 7, 11],
      [6, 0, 5],
    ]);
    const result = suppress(atoms, cells);
    for (const id of ['r0c0', 'r1c0', 'r2c1']) expect(result.published.get(id)).toBe(0);
    expect(result.primary).toEqual(new Set(['r0c1']));
    expect(possibleValues(atoms, cells, result, 5, 'r0c1').size).toBeGreaterThan(1);
  });

  it('takes k from the options (k = 11, as the CTDC does)', () => {
    const { atoms, cells } = table([
      [10, 40],
      [25, 30],
    ]);
    const result = suppress(atoms, cells, { k: 11 });
    expect(result.primary).toEqual(new Set(['r0c0']));
    for (const v of result.published.values()) expect(v === 0 || v >= 11).toBe(true);
    expect(possibleValues(atoms, cells, result, 11, 'r0c0', 80).size).toBeGreaterThan(1);
    expect(suppress(atoms, cells, { k: 5 }).suppressed.size).toBe(0);
  });

  it('refuses a k below 3 (with zeros printed, "<2" could only mean 1)', () => {
    const { atoms, cells } = table([[1, 2]]);
    expect(() => suppress(atoms, cells, { k: 2 })).toThrow(RangeError);
    expect(() => suppress(atoms, cells, { k: 4.5 })).toThrow(RangeError);
  });

  it('rejects malformed input', () => {
    expect(() => suppress([{ id: 'a', count: 1 }], [{ id: 'c', atoms: ['b'] }])).toThrow(/unknown atom/);
    expect(() => suppress([{ id: 'a', count: -1 }], [])).toThrow(RangeError);
    expect(() => suppress([{ id: 'a', count: 1 }], [{ id: 'c', atoms: ['a', 'a'] }])).toThrow(/twice/);
    expect(() =>
      suppress(
        [{ id: 'a', count: 1 }],
        [
          { id: 'c', atoms: ['a'] },
          { id: 'c', atoms: [] },
        ],
      ),
    ).toThrow(/duplicate cell/);
  });

  it('is deterministic: the same view whatever the order of atoms, cells and their atom lists', () => {
    const { atoms, cells } = table([
      [3, 10, 1],
      [8, 2, 12],
      [4, 9, 6],
    ]);
    const shuffled = (list: readonly PublishedCell[]) => [...list].reverse().map((c) => ({ id: c.id, atoms: [...c.atoms].reverse() }));
    const a = suppress(atoms, cells);
    const b = suppress([...atoms].reverse(), shuffled(cells));
    const flat = (r: SuppressionResult) => ({
      published: [...r.published],
      suppressed: [...r.suppressed],
      primary: [...r.primary],
      complementary: [...r.complementary],
      unprotected: [...r.unprotected],
    });
    expect(flat(b)).toEqual(flat(a));
    expect(flat(suppress(atoms, cells))).toEqual(flat(a));
    // Sets and maps come out in id order.
    expect([...a.suppressed]).toEqual([...a.suppressed].sort());
  });

  it('hides across linked tables: the same cell in a filtered table, and a year made of two halves', () => {
    // Atoms: half-year × district. Cells: each half's district table and the year's.
    const counts: Record<string, number> = { 'H1|A': 2, 'H1|B': 9, 'H2|A': 6, 'H2|B': 7 };
    const atoms = Object.entries(counts).map(([id, count]) => ({ id, count }));
    const cells: PublishedCell[] = [
      { id: 'H1/A', atoms: ['H1|A'] },
      { id: 'H1/B', atoms: ['H1|B'] },
      { id: 'H1/*', atoms: ['H1|A', 'H1|B'] },
      { id: 'H2/A', atoms: ['H2|A'] },
      { id: 'H2/B', atoms: ['H2|B'] },
      { id: 'H2/*', atoms: ['H2|A', 'H2|B'] },
      { id: 'Y/A', atoms: ['H1|A', 'H2|A'] },
      { id: 'Y/B', atoms: ['H1|B', 'H2|B'] },
      { id: 'Y/*', atoms: ['H1|A', 'H1|B', 'H2|A', 'H2|B'] },
      { id: 'A-only/Y/*', atoms: ['H1|A', 'H2|A'] }, // the year filtered to district A
    ];
    const result = suppress(atoms, cells);
    expect(result.primary).toEqual(new Set(['H1/A']));
    // Y/A − H2/A would give H1/A away, and so would its copy in the filtered table.
    expect(result.suppressed.has('Y/A') || result.suppressed.has('H2/A')).toBe(true);
    expect(result.suppressed.has('A-only/Y/*') || result.suppressed.has('H2/A')).toBe(true);
    expect(possibleValues(atoms, cells, result, 5, 'H1/A').size).toBeGreaterThan(1);
  });
});

describe('the bound attack ("<k" means 1..k−1 when zeros are printed)', () => {
  it('adds a complement when differencing is safe but the bounds pin the cell', () => {
    // 1 + 1 + 8 = 10: the two 1s are not derivable one by one, but each is ≥ 1 and they sum to 2.
    const { atoms, cells } = table([[1, 1, 8]]);
    const linear = suppress(atoms, cells, { linearOnly: true });
    expect([...possibleValues(atoms, cells, linear, 5, 'r0c0')]).toEqual([1]);
    const result = suppress(atoms, cells);
    expect(result.complementary.size).toBeGreaterThan(linear.complementary.size);
    expect(result.unprotected.size).toBe(0);
    for (const id of result.primary) expect(possibleValues(atoms, cells, result, 5, id).size).toBeGreaterThan(1);
  });

  it('reports cells that no suppression can protect', () => {
    // k = 3: the row total 2 is "<3", so at most 2, and both its non-zero cells are at least 1.
    const { atoms, cells } = table([[1, 1, 0]]);
    const result = suppress(atoms, cells, { k: 3 });
    // Both 1s, their copies as column totals, and the totals they pin (2).
    expect(result.unprotected).toEqual(new Set(['**', '*c0', '*c1', 'r0*', 'r0c0', 'r0c1']));
    for (const id of result.unprotected) expect(possibleValues(atoms, cells, result, 3, id).size).toBe(1);
  });

  it('leaves no certified cell pinned in random small tables (brute force over every consistent table)', () => {
    let seed = 12345;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let checked = 0;
    let pinnedWithoutBoundCheck = 0;
    for (let trial = 0; trial < 40; trial++) {
      const k = trial % 2 === 0 ? 3 : 5;
      const rows = Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => Math.floor(random() * random() * 12)));
      const { atoms, cells } = table(rows);
      const result = suppress(atoms, cells, { k });
      const linear = suppress(atoms, cells, { k, linearOnly: true });
      for (const id of result.primary) {
        if (possibleValues(atoms, cells, linear, k, id).size === 1) pinnedWithoutBoundCheck++;
        if (result.unprotected.has(id)) continue;
        checked++;
        expect({ id, rows, k, values: possibleValues(atoms, cells, result, k, id).size > 1 }).toEqual({ id, rows, k, values: true });
      }
    }
    expect(checked).toBeGreaterThan(40);
    // The bound check is doing real work: without it, some cells would be pinned.
    expect(pinnedWithoutBoundCheck).toBeGreaterThan(0);
  });

  it('hides only counts of k or more as complements: the public mark for them says so, and "<k" would be false', () => {
    let seed = 777;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let complements = 0;
    for (let trial = 0; trial < 60; trial++) {
      const k = [3, 5, 11][trial % 3];
      const rows = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => Math.floor(random() * random() * 3 * k)));
      const { atoms, cells } = table(rows);
      const count = new Map(atoms.map((a) => [a.id, a.count]));
      const valueOf = (id: string) => cells.find((c) => c.id === id)!.atoms.reduce((s, a) => s + count.get(a)!, 0);
      const result = suppress(atoms, cells, { k });
      expect([...result.suppressed].sort()).toEqual([...result.primary, ...result.complementary].sort());
      for (const id of result.primary) expect({ id, k, small: valueOf(id) > 0 && valueOf(id) < k }).toEqual({ id, k, small: true });
      for (const id of result.complementary) {
        complements++;
        expect({ id, k, atLeastK: valueOf(id) >= k }).toEqual({ id, k, atLeastK: true });
      }
    }
    expect(complements).toBeGreaterThan(30);
  });
});
