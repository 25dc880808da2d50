import type { Atom, PublishedCell } from './suppress.js';
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
export function cityYear(seed: number, districtCount: number, cases: number): Micro {
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
  for (const d of districts) for (const s of SEXES) for (const a of AGES) for (const m of MONTHS) atoms.push({ id: key(d, s, a, m), count: counts.get(key(d, s, a, m)) ?? 0 });

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

