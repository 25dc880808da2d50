import { describe, expect, it } from '@jest/globals';
import { findDuplicates, type DuplicatePerson } from './duplicate-match.js';
import { MatchKeys } from './match-keys.js';
import { namesMatch } from './name-match.js';

const keys = new MatchKeys('a statistics key for the spec');
const keySets = new Map<DuplicatePerson, Set<string>>();
const keySet = (p: DuplicatePerson) => {
  if (!keySets.has(p)) keySets.set(p, new Set(keys.of(p).map((k) => k.toString('hex'))));
  return keySets.get(p)!;
};
const shareKey = (a: DuplicatePerson, b: DuplicatePerson) => [...keySet(a)].some((k) => keySet(b).has(k));

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

  it('every pair the rules match shares a key, so the indexed lookup finds every candidate the rules would', () => {
    let matched = 0;
    const missed: string[] = [];
    for (const a of pool) {
      for (const m of findDuplicates(a, pool)) {
        matched++;
        const b = pool.find((p) => p.id === m.id)!;
        if (!shareKey(a, b)) missed.push(`${a.name} ~ ${b.name}`);
      }
    }
    expect(matched).toBeGreaterThan(1000);
    expect(missed).toEqual([]);
  });

  it('looks up few candidates: most pairs of different names share no key', () => {
    let differentNames = 0;
    let sharing = 0;
    for (const a of pool) {
      for (const b of pool) {
        if (a.id >= b.id || namesMatch(a.name, b.name).match) continue;
        differentNames++;
        if (shareKey(a, b)) sharing++;
      }
    }
    expect(differentNames).toBeGreaterThan(10000);
    // Pairs sharing only a common part (Siti, Nur, Made) are looked at and refused by the rules: a small share.
    expect(sharing / differentNames).toBeLessThan(0.15);
  });

  it('keeps the sex, the district and a valid NIK in the keys, and reveals none of them', () => {
    const a = person(1, 'Dewi Lestari', { idNumber: '3172015506900002' });
    expect(shareKey(a, person(2, 'Dewi Lestari', { sex: 'male' }))).toBe(false);
    expect(shareKey(a, person(3, 'Dewi Lestari', { district: 'Kabupaten Bintan' }))).toBe(false);
    expect(shareKey(a, person(4, 'Dewi Lestari', { district: 'Tanjungpinang' }))).toBe(true);
    // The same valid NIK is a key whatever the name, sex and district.
    expect(shareKey(a, person(5, 'Someone Else', { sex: 'male', district: 'Kota Batam', idNumber: '3172015506900002' }))).toBe(true);
    const text = keys
      .of(a)
      .map((k) => k.toString('latin1'))
      .join('');
    for (const secret of ['3172015506900002', 'dewi', 'lestari', 'tanjungpinang']) expect(text).not.toContain(secret);
    // Another unit's key makes other keys: the table means nothing without the node's key.
    expect(new MatchKeys('another key').of(a).map((k) => k.toString('hex'))).not.toEqual(keys.of(a).map((k) => k.toString('hex')));
  });
});
