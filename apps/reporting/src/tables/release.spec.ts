import { describe, expect, it } from '@jest/globals';
import type { Facts } from './facts.js';
import { publicReleases, tablesFor, WITHHELD, type Release } from './release.js';

/** A small city: three districts, a few dozen victims, so many counts are small. */
function smallCity(): Facts {
  const facts: Facts = { cases: [], victims: [], perpetrators: [], services: [], referrals: [], overdueCases: new Set() };
  const districts = ['Kota Tanjungpinang', 'Kabupaten Bintan', 'Kota Batam'];
  for (let i = 0; i < 36; i++) {
    const caseId = `c${i}`;
    facts.cases.push({
      caseId,
      month: `2026-${String(1 + (i % 12)).padStart(2, '0')}`,
      district: districts[i % 3],
      kind: 'violence-against-women',
      channel: 'walk-in',
      violenceTypes: i % 4 ? ['physical'] : ['sexual'],
      place: 'household',
    });
    facts.victims.push({
      victimId: `v${i}`,
      caseId,
      sex: i % 5 ? 'female' : 'male',
      ageBand: i % 3 ? '25-44' : '13-17',
      child: i % 3 === 0,
      district: districts[i % 3],
      education: null,
    });
  }
  return facts;
}

describe('the public releases', () => {
  const facts = smallCity();
  const releases: Release[] = [
    { year: 2026, district: null, tables: tablesFor(facts, 2026) },
    ...['Kota Tanjungpinang', 'Kabupaten Bintan', 'Kota Batam'].map((d) => ({
      year: 2026,
      district: d,
      tables: tablesFor({ ...facts, cases: facts.cases.filter((c) => c.district === d) }, 2026),
    })),
  ];
  const { shown, withheld } = publicReleases(releases, 5);
  const all = [...shown.values()].flat();
  const values = all.flatMap((t) => t.rows.flatMap((r) => t.columns.map((c) => t.values[r][c])));

  it('never shows a count from 1 to 4, in any table of any release', () => {
    expect(values.filter((v) => typeof v === 'number' && v > 0 && v < 5)).toEqual([]);
    expect(values).toContain('<5');
  });

  it('still shows what is safe: the region’s totals, and the counts of 5 or more', () => {
    const region = shown.get('2026/*')!;
    expect(region.find((t) => t.id === 'victims-by-age-and-sex')!.values.total.total).toBe(36);
    expect(values.filter((v) => typeof v === 'number' && v >= 5).length).toBeGreaterThan(10);
  });

  it('withholds a whole table only when printed zeros would pin a small count, and shows it as withheld', () => {
    for (const key of withheld) {
      const [year, district, id] = key.split('/');
      const table = shown.get(`${year}/${district}`)!.find((t) => t.id === id)!;
      expect(table.rows.flatMap((r) => table.columns.map((c) => table.values[r][c])).every((v) => v === WITHHELD)).toBe(true);
    }
    expect(withheld.size).toBeLessThan(all.length);
  });
});

/**
 * A city where trafficking is common in one district and rare in another:
 * hiding the rare district's small counts needs complements among the large
 * ones (the trafficking column's 48, the cases' total).
 */
function traffickingCity(): Facts {
  const facts: Facts = { cases: [], victims: [], perpetrators: [], services: [], referrals: [], overdueCases: new Set() };
  const add = (district: string, n: number, traffickingCases: number) => {
    for (let i = 0; i < n; i++) {
      const caseId = `${district.slice(-5)}-${i}`;
      const trafficking = i < traffickingCases;
      facts.cases.push({
        caseId,
        month: `2026-${String(1 + (i % 12)).padStart(2, '0')}`,
        district,
        kind: trafficking ? 'trafficking' : 'violence-against-women',
        channel: 'walk-in',
        violenceTypes: trafficking ? ['trafficking', 'exploitation'] : ['physical'],
        place: trafficking ? 'workplace' : 'household',
      });
      facts.victims.push({
        victimId: `v-${caseId}`,
        caseId,
        sex: i % 6 ? 'female' : 'male',
        ageBand: i % 4 ? '25-44' : '18-24',
        child: false,
        district,
        education: null,
      });
    }
  };
  add('Kota Batam', 70, 40);
  add('Kota Tanjungpinang', 30, 7);
  add('Kabupaten Bintan', 3, 1);
  return facts;
}

describe('the marks of the public view, where complements hide large cells', () => {
  const facts = traffickingCity();
  const districts = ['Kota Batam', 'Kota Tanjungpinang', 'Kabupaten Bintan'];
  const releases: Release[] = [
    { year: 2026, district: null, tables: tablesFor(facts, 2026) },
    ...districts.map((d) => ({
      year: 2026,
      district: d,
      tables: tablesFor({ ...facts, cases: facts.cases.filter((c) => c.district === d) }, 2026),
    })),
  ];
  const { shown, withheld } = publicReleases(releases, 5);
  /** Every cell not printed as a number, outside withheld tables: what the suppression hid. */
  const hidden = [...shown].flatMap(([release, tables]) =>
    tables
      .filter((t) => !withheld.has(`${release}/${t.id}`))
      .flatMap((t) =>
        t.rows.flatMap((r) => t.columns.filter((c) => typeof t.values[r][c] !== 'number').map((c) => `${release}/${t.id}/${r}/${c}`)),
      ),
  );

  it('hides exactly the cells it hid before the marks were made honest (snapshot of the old code)', () => {
    expect({ hidden: hidden.sort(), withheld: [...withheld].sort() }).toMatchSnapshot();
  });
});
