import { describe, expect, it } from '@jest/globals';
import { findDuplicates, type DuplicatePerson } from './duplicate-match.js';
import { MatchKeys } from './match-keys.js';

const keys = new MatchKeys('a statistics key for the spec');
const hex = (ks: Buffer[]) => new Set(ks.map((k) => k.toString('hex')));
const memo = <T>(m: Map<DuplicatePerson, T>, p: DuplicatePerson, make: () => T) => {
  if (!m.has(p)) m.set(p, make());
  return m.get(p)!;
};
const storedKeys = new Map<DuplicatePerson, Set<string>>();
const stored = (p: DuplicatePerson) => memo(storedKeys, p, () => hex(keys.stored(p)));
const lookups = new Map<DuplicatePerson, { nik: Set<string>; age: Set<string>; names: Set<string>[][] }>();
const lookup = (p: DuplicatePerson) =>
  memo(lookups, p, () => {
    const l = keys.lookup(p);
    return { nik: hex(l.nik), age: hex(l.age), names: l.names.map((sets) => sets.map(hex)) };
  });
const holds = (keySet: Set<string>, b: DuplicatePerson) => [...keySet].some((k) => stored(b).has(k));
/** Whether `a`'s lookup finds `b`, as the repository's query asks the index. */
const meets = (a: DuplicatePerson, b: DuplicatePerson) => {
  const l = lookup(a);
  return holds(l.nik, b) || (holds(l.age, b) && l.names.some((sets) => sets.every((keySet) => holds(keySet, b))));
};

/** Names as registers write them, and the forms the same names take elsewhere. */
const BASES = [
  'Siti Aminah',
  'Soekarno',
  'Djoko Soesilo',
  'Tjahjono',
  'Muhammad Yusuf',
  'Nur Aisyah',
  'Dewi Lestari',
  'Khairul Anwar',
  'Ni Made Sutarmi',
  'Wayan Sudarma',
  'Sukarni Wati',
  'Rina Marlina',
  'Putri Handayani',
  'Siti Nur',
  'Ahmad Dhani',
  'Yuni Safitri',
  'Ketut Artini',
  'Kadek Sukarsih',
];

/** Spellings of one name: old spelling, j/y, kh/h, doubled letters, titles, a patronymic, a dropped part, typos. */
function variants(name: string): string[] {
  const tokens = name.split(' ');
  const out = new Set<string>([name, name.toUpperCase(), `Hj. ${name}`, `${name}, S.Pd.`, `${name} binti Ahmad`, `${name} bin Umar`]);
  out.add(name.replace(/u/g, 'oe').replace(/y/g, 'j').replace(/c/g, 'tj'));
  out.add(name.replace(/y/g, 'j'));
  out.add(name.replace(/kh/gi, 'h').replace(/Kh/g, 'H'));
  out.add(name.replace(/i\b/g, 'y'));
  out.add(name.replace(/([aeiou])/, '$1$1'));
  if (tokens.length > 1) for (const t of tokens) out.add(t);
  tokens.forEach((t, i) => {
    if (t.length < 5) return;
    const swap = t.slice(0, 2) + t[3] + t[2] + t.slice(4);
    const sub = t.slice(0, 3) + (t[3] === 'a' ? 'e' : 'a') + t.slice(4);
    const del = t.slice(0, 2) + t.slice(3);
    const ins = t.slice(0, 3) + 'h' + t.slice(3);
    for (const typo of [swap, sub, del, ins]) out.add(tokens.map((u, j) => (j === i ? typo : u)).join(' '));
  });
  return [...out];
}

const person = (id: number, name: string, over: Partial<DuplicatePerson> = {}): DuplicatePerson => ({
  id: `v${id}`,
  name,
  sex: 'female',
  birthDate: null,
  ageYears: 30,
  district: 'Kota Tanjungpinang',
  idNumber: null,
  ...over,
});

describe('duplicate-match keys', () => {
  // Ages a year or two apart, birth dates on some (the same or a day apart): the age rules decide with the names.
  const pool = BASES.flatMap(variants).map((name, i) =>
    person(i, name, { ageYears: 29 + (i % 3), birthDate: i % 5 === 0 ? '1996-05-17' : i % 5 === 1 ? '1996-05-18' : null }),
  );

  it('every pair the rules match meets, so the lookup finds every candidate the rules would', () => {
    let matched = 0;
    const missed: string[] = [];
    for (const a of pool) {
      for (const m of findDuplicates(a, pool)) {
        matched++;
        const b = pool.find((p) => p.id === m.id)!;
        if (!meets(a, b)) missed.push(`${a.name} ~ ${b.name}`);
      }
    }
    expect(matched).toBeGreaterThan(1000);
    expect(missed).toEqual([]);
  });

  it('looks up few candidates: pairs the rules refuse seldom meet', () => {
    let refused = 0;
    let meeting = 0;
    for (const a of pool) {
      const matches = new Set(findDuplicates(a, pool).map((m) => m.id));
      for (const b of pool) {
        if (a.id === b.id || matches.has(b.id)) continue;
        refused++;
        if (meets(a, b)) meeting++;
      }
    }
    expect(refused).toBeGreaterThan(20000);
    // Met by every part's keys and the age's, refused by the rules (a part two letters off, a birth date a day off in
    // the same year): under one pair in a hundred.
    expect(meeting / refused).toBeLessThan(0.01);
  });

  it('does not look up everyone who shares a common part', () => {
    const registered = ['Siti Rahayu', 'Siti Handayani', 'Siti Aminah Putri', 'Nur Lestari', 'Made Wirawan', 'Siti', 'Wirawan'].map(
      (n, i) => person(100 + i, n),
    );
    const found = (name: string) => registered.filter((b) => meets(person(1, name), b)).map((b) => b.name);
    // A name of several parts meets only names holding every one of its parts in its place.
    expect(found('Siti Aminah')).toEqual([]);
    expect(found('Siti Lestari')).toEqual([]);
    expect(found('Sitti Rahajoe')).toEqual(['Siti Rahayu']);
    // A single name meets the fuller names holding it, unless it is too common to match anyone alone.
    expect(found('Rahayu')).toEqual(['Siti Rahayu']);
    expect(found('Nur')).toEqual([]);
    // A fuller name meets the single names it holds that are not too common alone.
    expect(found('Dewi Wirawan')).toEqual(['Wirawan']);
    expect(found('Siti Dewi')).toEqual([]);
    // The same name two years older, or born in another year, is not looked up.
    expect(found('Siti Rahayu')).toEqual(['Siti Rahayu']);
    expect(registered.filter((b) => meets(person(1, 'Siti Rahayu', { ageYears: 32 }), b))).toEqual([]);
  });

  it('keeps the sex, the district and a valid NIK in the keys, and reveals none of them', () => {
    const a = person(1, 'Dewi Lestari', { idNumber: '3172015506900002' });
    const shareKey = (b: DuplicatePerson) => meets(a, b);
    expect(shareKey(person(2, 'Dewi Lestari', { sex: 'male' }))).toBe(false);
    expect(shareKey(person(3, 'Dewi Lestari', { district: 'Kabupaten Bintan' }))).toBe(false);
    expect(shareKey(person(4, 'Dewi Lestari', { district: 'Tanjungpinang' }))).toBe(true);
    expect(shareKey(person(6, 'Dewi Lestari', { ageYears: 40 }))).toBe(false);
    // The same valid NIK is a key whatever the name, sex and district.
    expect(shareKey(person(5, 'Someone Else', { sex: 'male', district: 'Kota Batam', idNumber: '3172015506900002' }))).toBe(true);
    const looked = keys.lookup(a);
    const text = [...keys.stored(a), ...looked.nik, ...looked.age, ...looked.names.flat(2)].map((k) => k.toString('latin1')).join('');
    for (const secret of ['3172015506900002', 'dewi', 'lestari', 'tanjungpinang']) expect(text).not.toContain(secret);
    // Another unit's key makes other keys: the table means nothing without the node's key.
    expect(hex(new MatchKeys('another key').stored(a))).not.toEqual(hex(keys.stored(a)));
  });
});
