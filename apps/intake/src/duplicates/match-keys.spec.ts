import { describe, expect, it } from '@jest/globals';
import { findDuplicates, type DuplicatePerson } from './duplicate-match.js';
import { MatchKeys } from './match-keys.js';
import { namesMatch } from './name-match.js';

const keys = new MatchKeys('a statistics key for the spec');
const hex = (ks: Buffer[]) => new Set(ks.map((k) => k.toString('hex')));
const memo = <T>(m: Map<DuplicatePerson, T>, p: DuplicatePerson, make: () => T) => {
  if (!m.has(p)) m.set(p, make());
  return m.get(p)!;
};
const storedKeys = new Map<DuplicatePerson, Set<string>>();
const stored = (p: DuplicatePerson) => memo(storedKeys, p, () => hex(keys.stored(p)));
const lookups = new Map<DuplicatePerson, { always: Set<string>; byPart: Set<string>[] }>();
const lookup = (p: DuplicatePerson) =>
  memo(lookups, p, () => {
    const l = keys.lookup(p);
    return { always: hex(l.always), byPart: l.byPart.map(hex) };
  });
const meet = (keySet: Set<string>, b: DuplicatePerson) => [...keySet].some((k) => stored(b).has(k));
/** The lookup's keys with part `i`: the repository may take any part, so every choice must find every match. */
const withPart = (a: DuplicatePerson, i: number) => new Set([...lookup(a).always, ...(lookup(a).byPart[i] ?? [])]);
/** The part the repository takes among `registered`: the one the fewest of them are stored under. */
function rarestPart(a: DuplicatePerson, registered: DuplicatePerson[]): number {
  const n = lookup(a).byPart.map((keySet) => registered.filter((b) => b !== a && meet(keySet, b)).length);
  return n.reduce((best, count, i) => (count < n[best] ? i : best), 0);
}

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
  const pool = BASES.flatMap(variants).map((name, i) => person(i, name));

  it('every pair the rules match meets, whichever part the lookup takes, so it finds every candidate the rules would', () => {
    let matched = 0;
    const missed: string[] = [];
    for (const a of pool) {
      for (const m of findDuplicates(a, pool)) {
        matched++;
        const b = pool.find((p) => p.id === m.id)!;
        const parts = Math.max(1, lookup(a).byPart.length);
        for (let i = 0; i < parts; i++) if (!meet(withPart(a, i), b)) missed.push(`${a.name} ~ ${b.name} (part ${i})`);
      }
    }
    expect(matched).toBeGreaterThan(1000);
    expect(missed).toEqual([]);
  });

  it('looks up few candidates: most pairs of different names share no key', () => {
    let differentNames = 0;
    let sharing = 0;
    for (const a of pool) {
      const keySet = withPart(a, rarestPart(a, pool));
      for (const b of pool) {
        if (a.id === b.id || namesMatch(a.name, b.name).match) continue;
        differentNames++;
        if (meet(keySet, b)) sharing++;
      }
    }
    expect(differentNames).toBeGreaterThan(20000);
    // Pairs met through a looked-up part alone, refused by the rules: a small share.
    expect(sharing / differentNames).toBeLessThan(0.015);
  });

  it('does not look up everyone who shares a common part', () => {
    const registered = ['Siti Rahayu', 'Siti Handayani', 'Siti Aminah Putri', 'Nur Lestari', 'Made Wirawan', 'Siti', 'Wirawan'].map(
      (n, i) => person(100 + i, n),
    );
    const meets = (name: string) => {
      const a = person(1, name);
      const keySet = withPart(a, rarestPart(a, registered));
      return registered.filter((b) => meet(keySet, b)).map((b) => b.name);
    };
    // A name of several parts is looked up by the part the fewest share, in its place: Siti Aminah meets no other Siti.
    expect(meets('Siti Aminah')).toEqual([]);
    expect(meets('Siti Lestari')).toEqual(['Nur Lestari']);
    // A single name meets the fuller names holding it, unless it is too common to match anyone alone.
    expect(meets('Rahayu')).toEqual(['Siti Rahayu']);
    expect(meets('Nur')).toEqual([]);
    // A fuller name meets the single names it holds that are not too common alone.
    expect(meets('Dewi Wirawan')).toEqual(['Wirawan']);
    expect(meets('Siti Dewi')).toEqual([]);
  });

  it('keeps the sex, the district and a valid NIK in the keys, and reveals none of them', () => {
    const a = person(1, 'Dewi Lestari', { idNumber: '3172015506900002' });
    const shareKey = (b: DuplicatePerson) => meet(withPart(a, 0), b);
    expect(shareKey(person(2, 'Dewi Lestari', { sex: 'male' }))).toBe(false);
    expect(shareKey(person(3, 'Dewi Lestari', { district: 'Kabupaten Bintan' }))).toBe(false);
    expect(shareKey(person(4, 'Dewi Lestari', { district: 'Tanjungpinang' }))).toBe(true);
    // The same valid NIK is a key whatever the name, sex and district.
    expect(shareKey(person(5, 'Someone Else', { sex: 'male', district: 'Kota Batam', idNumber: '3172015506900002' }))).toBe(true);
    const looked = keys.lookup(a);
    const text = [...keys.stored(a), ...looked.always, ...looked.byPart.flat()].map((k) => k.toString('latin1')).join('');
    for (const secret of ['3172015506900002', 'dewi', 'lestari', 'tanjungpinang']) expect(text).not.toContain(secret);
    // Another unit's key makes other keys: the table means nothing without the node's key.
    expect(hex(new MatchKeys('another key').stored(a))).not.toEqual(hex(keys.stored(a)));
  });
});
