import { describe, expect, it } from '@jest/globals';
import { noFacts, type Facts } from './facts.js';
import { DICTIONARY, HIDDEN_MARK } from '@rujukan/contracts';
import { noteFor, publicReleases, releaseKey, tablesFor, WITHHELD, type Release } from './release.js';

/** A small city: three districts, a few dozen victims, so many counts are small. */
function smallCity(): Facts {
  const facts: Facts = noFacts();
  const districts = ['Kota Tanjungpinang', 'Kabupaten Bintan', 'Kota Batam'];
  for (let i = 0; i < 36; i++) {
    const caseId = `c${i}`;
    facts.answeredInTimeCases.add(caseId);
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
      expect(table.note).toEqual({ id: DICTIONARY.id.tableNote.withheld, en: DICTIONARY.en.tableNote.withheld });
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
  const facts: Facts = noFacts();
  const add = (district: string, n: number, traffickingCases: number) => {
    for (let i = 0; i < n; i++) {
      const caseId = `${district.slice(-5)}-${i}`;
      facts.answeredInTimeCases.add(caseId);
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
  const { shown, withheld, suppression } = publicReleases(releases, 5);
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

  const truth = new Map<string, number>(
    releases.flatMap((r) =>
      r.tables.flatMap((t) => t.cells.map((c) => [`${releaseKey(r.year, r.district)}/${t.id}/${c.row}/${c.column}`, c.value] as const)),
    ),
  );
  const printed = new Map<string, number | string>(
    [...shown].flatMap(([release, tables]) =>
      tables.flatMap((t) => t.rows.flatMap((r) => t.columns.map((c) => [`${release}/${t.id}/${r}/${c}`, t.values[r][c]] as const))),
    ),
  );

  it('hides what the suppression hides, and nothing else', () => {
    expect(new Set(hidden)).toEqual(suppression.suppressed);
  });

  it('prints a small count as "<5" and a cell hidden to protect one with its own mark, never "<5", whatever its size', () => {
    for (const id of suppression.primary)
      expect({ id, shown: printed.get(id), small: truth.get(id)! < 5 }).toEqual({ id, shown: '<5', small: true });
    for (const id of suppression.complementary) {
      expect({ id, shown: printed.get(id) }).toEqual({ id, shown: HIDDEN_MARK });
      expect(truth.get(id)).toBeGreaterThanOrEqual(5); // what the note says of it
    }
    // The defect as found: 48 trafficking victims, a district's 30 cases, all 103 victims, each printed "<5".
    for (const [id, value] of [
      ['2026/*/trafficking-victims/total/total', 48],
      ['2026/*/cases-by-district/Kota Tanjungpinang/cases', 30],
      ['2026/*/victims-by-age-and-sex/total/total', 103],
    ] as const)
      expect({ id, truth: truth.get(id), shown: printed.get(id) }).toEqual({ id, truth: value, shown: HIDDEN_MARK });
    expect([...suppression.complementary].filter((id) => truth.get(id)! >= 40).length).toBeGreaterThan(3);
  });

  it('gives totals the same rule: "<5" only for a small total, the mark for one hidden to protect', () => {
    const totals = hidden.filter((id) => id.split('/').slice(-2).includes('total'));
    expect(totals.length).toBeGreaterThan(10);
    for (const id of totals) expect({ id, shown: printed.get(id) }).toEqual({ id, shown: truth.get(id)! < 5 ? '<5' : HIDDEN_MARK });
  });

  it('prints every shown number as the truth', () => {
    const numbers = [...printed].filter(([, v]) => typeof v === 'number');
    expect(numbers.length).toBeGreaterThan(100);
    for (const [id, v] of numbers) expect({ id, v }).toEqual({ id, v: truth.get(id) });
    // Nothing else is printed: a number, one of the three marks.
    const marks = new Set([...printed.values()].filter((v) => typeof v === 'string'));
    expect([...marks].filter((m) => m !== '<5' && m !== HIDDEN_MARK && m !== WITHHELD)).toEqual([]);
  });

  it('explains every mark a table holds in its note, in Bahasa Indonesia and English, and gives no note to a table without one', () => {
    for (const [release, tables] of shown)
      for (const t of tables) {
        const values = new Set(t.rows.flatMap((r) => t.columns.map((c) => t.values[r][c])));
        const marks = { small: values.has('<5'), hidden: values.has(HIDDEN_MARK), withheld: values.has(WITHHELD) };
        if (!marks.small && !marks.hidden && !marks.withheld) {
          expect({ release, id: t.id, note: t.note }).toEqual({ release, id: t.id, note: undefined });
          continue;
        }
        for (const lang of ['id', 'en'] as const) {
          const words = DICTIONARY[lang].tableNote;
          expect(t.note![lang].includes(words.small.replace(/\{k\}/g, '5').replace('{max}', '4'))).toBe(marks.small);
          expect(t.note![lang].includes(words.hidden.replace('{mark}', HIDDEN_MARK).replace('{k}', '5'))).toBe(marks.hidden);
          expect(t.note![lang].includes(words.withheld)).toBe(marks.withheld);
        }
      }
    // A withheld table (none is withheld in this city) says so in its note.
    const whole = {
      rows: ['a', 'total'],
      columns: ['x', 'total'],
      values: { a: { x: WITHHELD, total: WITHHELD }, total: { x: WITHHELD, total: WITHHELD } },
    };
    expect(noteFor(whole, 5)).toEqual({ id: DICTIONARY.id.tableNote.withheld, en: DICTIONARY.en.tableNote.withheld });
    const trafficking = shown.get('2026/*')!.find((t) => t.id === 'cases-by-district')!;
    expect(trafficking.note).toEqual({
      id: `<5: jumlah dari 1 sampai 4, disembunyikan agar tidak ada orang yang dapat dikenali. ${HIDDEN_MARK}: jumlah 5 atau lebih, disembunyikan agar angka kecil di sel lain tidak dapat dihitung dari angka yang ditampilkan.`,
      en: `<5: a count from 1 to 4, hidden so that no one can be identified. ${HIDDEN_MARK}: a count of 5 or more, hidden so that a small count in another cell cannot be worked out from the figures shown.`,
    });
  });
});
