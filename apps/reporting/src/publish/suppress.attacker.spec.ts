import { describe, expect, it } from '@jest/globals';
import { suppress, type Atom, type PublishedCell, type SuppressionResult } from './suppress.js';

/*
 * The attacker below is written apart from the suppressor on purpose: it works on raw atoms (no
 * merging into classes), with rational fractions and a plain row echelon form (pivot = smallest
 * atom index, no reduction above the pivots, no record of which cells a row came from), and it
 * computes the value it recovers so a "recovery" is checked against the truth.
 */

// ---------- reproducible microdata ----------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (random: () => number, weights: readonly number[]): number => {
  let x = random() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < weights.length; i++) if ((x -= weights[i]) < 0) return i;
  return weights.length - 1;
};

const SEXES = ['F', 'M'] as const;
const AGES = ['0-5', '6-12', '13-17', '18-24', '25-44', '45-59', '60+'] as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
const PERIODS: Record<string, readonly string[]> = {
  Y: MONTHS,
  Q1: MONTHS.slice(0, 3),
  Q2: MONTHS.slice(3, 6),
  Q3: MONTHS.slice(6, 9),
  Q4: MONTHS.slice(9, 12),
};

interface Micro {
  districts: string[];
  atoms: Atom[];
  cells: PublishedCell[];
}

/** One year of cases for a city: a national district × sex table, age group × sex, by month; filtered per district; per year and quarter. */
function cityYear(seed: number, districtCount: number, cases: number): Micro {
  const random = mulberry32(seed);
  const districts = Array.from({ length: districtCount }, (_, i) => `D${String(i + 1).padStart(2, '0')}`);
  const districtWeights = districts.map(() => 0.3 + random() * 2);
  const counts = new Map<string, number>();
  const key = (d: string, s: string, a: string, m: string) => `${d}|${s}|${a}|${m}`;
  for (let c = 0; c < cases; c++) {
    const k = key(
      districts[pick(random, districtWeights)],
      SEXES[pick(random, [0.75, 0.25])],
      AGES[pick(random, [0.1, 0.15, 0.2, 0.15, 0.3, 0.07, 0.03])],
      MONTHS[pick(random, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])],
    );
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const atoms: Atom[] = [];
  for (const d of districts)
    for (const s of SEXES)
      for (const a of AGES) for (const m of MONTHS) atoms.push({ id: key(d, s, a, m), count: counts.get(key(d, s, a, m)) ?? 0 });

  const cells: PublishedCell[] = [];
  const where = (ds: readonly string[], ss: readonly string[], as: readonly string[], ms: readonly string[]) => {
    const out: string[] = [];
    for (const d of ds) for (const s of ss) for (const a of as) for (const m of ms) out.push(key(d, s, a, m));
    return out;
  };
  for (const filter of ['ALL', ...districts]) {
    const ds = filter === 'ALL' ? districts : [filter];
    for (const [period, ms] of Object.entries(PERIODS)) {
      const p = `${filter}/${period}`;
      // district × sex with row, column and grand totals
      for (const d of ds) {
        for (const s of SEXES) cells.push({ id: `${p}/dxs/${d}/${s}`, atoms: where([d], [s], AGES, ms) });
        cells.push({ id: `${p}/dxs/${d}/*`, atoms: where([d], SEXES, AGES, ms) });
      }
      for (const s of SEXES) cells.push({ id: `${p}/dxs/*/${s}`, atoms: where(ds, [s], AGES, ms) });
      cells.push({ id: `${p}/dxs/*/*`, atoms: where(ds, SEXES, AGES, ms) });
      // age group × sex with totals
      for (const a of AGES) {
        for (const s of SEXES) cells.push({ id: `${p}/axs/${a}/${s}`, atoms: where(ds, [s], [a], ms) });
        cells.push({ id: `${p}/axs/${a}/*`, atoms: where(ds, SEXES, [a], ms) });
      }
      for (const s of SEXES) cells.push({ id: `${p}/axs/*/${s}`, atoms: where(ds, [s], AGES, ms) });
      cells.push({ id: `${p}/axs/*/*`, atoms: where(ds, SEXES, AGES, ms) });
      // by month
      for (const m of ms) cells.push({ id: `${p}/month/${m}`, atoms: where(ds, SEXES, AGES, [m]) });
      cells.push({ id: `${p}/month/*`, atoms: where(ds, SEXES, AGES, ms) });
    }
  }
  return { districts, atoms, cells };
}

// ---------- independent differencing attacker ----------

interface Fraction {
  n: bigint;
  d: bigint;
}
const bgcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const frac = (n: bigint, d = 1n): Fraction => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = bgcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const sub = (x: Fraction, y: Fraction): Fraction => frac(x.n * y.d - y.n * x.d, x.d * y.d);
const mul = (x: Fraction, y: Fraction): Fraction => frac(x.n * y.n, x.d * y.d);
const div = (x: Fraction, y: Fraction): Fraction => frac(x.n * y.d, x.d * y.n);

/** A sparse equation Σ coef·atom = rhs, terms sorted by atom index. */
interface Equation {
  terms: Array<[number, Fraction]>;
  rhs: Fraction;
}

/** eq − λ·other, merging the sorted term lists. */
function subtractMultiple(eq: Equation, lambda: Fraction, other: Equation): Equation {
  const out: Array<[number, Fraction]> = [];
  let i = 0;
  let j = 0;
  while (i < eq.terms.length || j < other.terms.length) {
    const a = eq.terms[i];
    const b = other.terms[j];
    if (b === undefined || (a !== undefined && a[0] < b[0])) {
      out.push(a);
      i++;
    } else if (a === undefined || b[0] < a[0]) {
      out.push([b[0], mul(frac(-1n), mul(lambda, b[1]))]);
      j++;
    } else {
      const v = sub(a[1], mul(lambda, b[1]));
      if (v.n !== 0n) out.push([a[0], v]);
      i++;
      j++;
    }
  }
  return { terms: out, rhs: sub(eq.rhs, mul(lambda, other.rhs)) };
}

/**
 * What an outsider can do with the public view: every published figure is an equation over the
 * atoms of the cell's (public) definition; a published 0 fixes its atoms at 0 (counts are not
 * negative). A suppressed cell is recovered when its atom vector reduces to nothing against the
 * published equations, i.e. it is a rational combination of published figures.
 */
class DifferencingAttacker {
  private readonly knownZero = new Set<string>();
  private readonly index = new Map<string, number>();
  private readonly pivots = new Map<number, Equation>();

  constructor(cells: readonly PublishedCell[], published: ReadonlyMap<string, number>) {
    const definitions = new Map(cells.map((c) => [c.id, c.atoms]));
    for (const [id, v] of published) if (v === 0) for (const a of definitions.get(id)!) this.knownZero.add(a);
    for (const [id, v] of [...published].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (v === 0) continue;
      const eq = this.reduce(this.equation(definitions.get(id)!, v));
      if (eq.terms.length === 0) {
        if (eq.rhs.n !== 0n) throw new Error(`published figures are inconsistent at ${id}`);
        continue;
      }
      this.pivots.set(eq.terms[0][0], eq);
    }
  }

  /** The recovered value, or undefined when the cell is not determined by the published figures. */
  recover(atoms: readonly string[]): number | undefined {
    const eq = this.reduce(this.equation(atoms, 0));
    if (eq.terms.length !== 0) return undefined;
    // target − Σλ·pivot = 0 and rhs tracked −Σλ·rhs, so the value is −rhs.
    const v = frac(-eq.rhs.n, eq.rhs.d);
    if (v.d !== 1n) throw new Error('recovered a non-integer count');
    return Number(v.n);
  }

  private equation(atoms: readonly string[], rhs: number): Equation {
    const cols = atoms.filter((a) => !this.knownZero.has(a)).map((a) => this.column(a));
    cols.sort((x, y) => x - y);
    return { terms: cols.map((c) => [c, frac(1n)]), rhs: frac(BigInt(rhs)) };
  }

  private column(atom: string): number {
    let c = this.index.get(atom);
    if (c === undefined) this.index.set(atom, (c = this.index.size));
    return c;
  }

  private reduce(eq: Equation): Equation {
    for (;;) {
      const lead = eq.terms[0];
      if (!lead) return eq;
      const pivot = this.pivots.get(lead[0]);
      if (!pivot) return eq;
      eq = subtractMultiple(eq, div(lead[1], pivot.terms[0][1]), pivot);
    }
  }
}

function attack(micro: Micro, result: SuppressionResult): Map<string, number> {
  const attacker = new DifferencingAttacker(micro.cells, result.published);
  const recovered = new Map<string, number>();
  for (const cell of micro.cells) {
    if (!result.suppressed.has(cell.id)) continue;
    const v = attacker.recover(cell.atoms);
    if (v !== undefined && result.primary.has(cell.id)) recovered.set(cell.id, v);
  }
  return recovered;
}

const truth = (micro: Micro) => {
  const count = new Map(micro.atoms.map((a) => [a.id, a.count]));
  return new Map(micro.cells.map((c) => [c.id, c.atoms.reduce((s, a) => s + count.get(a)!, 0)]));
};

describe('suppression against a differencing attacker (tables × filters × periods)', () => {
  // 6 districts × 2 sexes × 7 age groups × 12 months, 220 cases; 1,328 cells.
  const micro = cityYear(20240611, 6, 220);
  const values = truth(micro);

  it('recovers small cells from primary suppression alone, so the test has teeth', () => {
    const naive = suppress(micro.atoms, micro.cells, { primaryOnly: true });
    expect(naive.primary.size).toBeGreaterThan(100);
    expect(naive.complementary.size).toBe(0);
    const recovered = attack(micro, naive);
    expect(recovered.size).toBeGreaterThan(20);
    // The attacker is right about every value it claims.
    for (const [id, v] of recovered) expect(v).toBe(values.get(id));
  });

  it('recovers no suppressed cell once complementary suppression is on', () => {
    const result = suppress(micro.atoms, micro.cells);
    expect(result.primary.size).toBeGreaterThan(100);
    expect(result.complementary.size).toBeGreaterThan(0);
    expect(attack(micro, result)).toEqual(new Map());
    // Every primary cell is hidden, every published figure is true, nothing below k is shown.
    for (const id of result.primary) expect(result.published.has(id)).toBe(false);
    for (const [id, v] of result.published) {
      expect(v).toBe(values.get(id));
      expect(v === 0 || v >= 5).toBe(true);
    }
    expect(result.published.size + result.suppressed.size).toBe(micro.cells.length);
  });

  it('differencing protection alone (no bound check) already defeats this attacker', () => {
    const result = suppress(micro.atoms, micro.cells, { linearOnly: true });
    expect(result.complementary.size).toBeGreaterThan(0);
    expect(attack(micro, result)).toEqual(new Map());
  });

  it('holds for k = 11 too', () => {
    const naive = suppress(micro.atoms, micro.cells, { k: 11, primaryOnly: true });
    expect(attack(micro, naive).size).toBeGreaterThan(0);
    const result = suppress(micro.atoms, micro.cells, { k: 11 });
    expect(result.primary).toEqual(naive.primary);
    expect(attack(micro, result)).toEqual(new Map());
    for (const v of result.published.values()) expect(v === 0 || v >= 11).toBe(true);
  });
});
