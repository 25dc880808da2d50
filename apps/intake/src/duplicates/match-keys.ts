import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { districtKey, type DuplicatePerson } from './duplicate-match.js';
import { namePartKeys } from './name-match.js';
import { isValidNik } from './nik.js';

/**
 * Keyed blind indexes for finding duplicate candidates with one indexed
 * lookup instead of reading every victim of the register (docs/api: a
 * possible duplicate on POST /cases). Each key is an HMAC, so the table of
 * keys reveals no NIK, name or age to whoever reads the database without the
 * node's key, and it keeps working while the identifying columns are
 * encrypted per victim (design.md section 9).
 *
 * A victim's keys are stored together (one row, a GIN index), and a lookup
 * asks for the victims who hold a key from each of several sets at once, so
 * that the index intersects them: a common part (Siti, Nur, a shared family
 * name) or a common age alone brings in no one. Two people `findDuplicates`
 * matches always meet (match-keys.spec.ts checks it on over a thousand pairs):
 * - the same valid NIK: her NIK's key, whatever else differs; or, with the
 *   same sex and district (every other rule needs both, so every name key
 *   holds them) and her age or birth year (`MatchLookup.age`: every other
 *   rule needs the same birth date, or ages a year apart at most when one is
 *   missing), either
 * - names of the same length whose parts all match in place: every part's
 *   keys are stored with its place, and a lookup asks for a key of each of
 *   her parts in its place; or
 * - a single name matching one part of a fuller one, which it never does when
 *   the single name is too common alone: the single name is stored and looks
 *   up as `single`, a fuller name's parts are stored as `any` and look up
 *   `single`, and a single name looks up `any`.
 * Names in another order, or with a part more or less, match under no rule
 * unless one side is a single name, so they need no key of their own.
 * The exact rules, run on the few candidates, decide as before.
 */
export class MatchKeys {
  private readonly key: Buffer;

  /** From the unit's statistics key, by HKDF with its own label: one secret to keep, keys kept apart. */
  constructor(statisticsKey: string) {
    // v3: age and birth-year keys, looked up together with the name's; a node keyed with v2 makes its keys again (fingerprint).
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(statisticsKey), Buffer.alloc(0), 'rujukan victim match keys v3', 32));
  }

  /** Names the key the stored keys were made with: when it changes, they are made again. */
  get fingerprint(): string {
    return createHash('sha256').update(this.key).digest('hex').slice(0, 16);
  }

  /** The keys a registered victim is found under. */
  stored(person: KeyedPerson): Buffer[] {
    const parts = namePartKeys(person.name);
    const names = this.nameKeys(person, (name) => {
      parts.forEach((part, i) => part.keys.forEach((k) => name(`pos|${parts.length}|${i}|${k}`)));
      if (parts.length > 1) for (const part of parts) part.keys.forEach((k) => name(`any|${k}`));
      else if (parts.length === 1 && !parts[0].commonAlone) parts[0].keys.forEach((k) => name(`single|${k}`));
    });
    const age = [
      `age|${person.ageYears}`,
      person.birthDate ? `born|${birthYear(person.birthDate)}` : `age-no-birth-date|${person.ageYears}`,
    ];
    return [...this.nik(person), ...names, ...this.hash(age)];
  }

  /**
   * What a new registration looks up: the victims holding her NIK's key, and
   * those holding a key of `age` and, for one of `names`, a key of every set.
   */
  lookup(person: KeyedPerson): MatchLookup {
    const parts = namePartKeys(person.name);
    const near = [person.ageYears - 1, person.ageYears, person.ageYears + 1];
    // Both birth dates known: they must be the same (so the same year); one missing: the recorded ages a year apart at most.
    const age = person.birthDate
      ? [`born|${birthYear(person.birthDate)}`, ...near.map((a) => `age-no-birth-date|${a}`)]
      : near.map((a) => `age|${a}`);
    const single = this.nameKeys(person, (name) => {
      if (parts.length > 1) for (const part of parts) part.keys.forEach((k) => name(`single|${k}`));
      else if (parts.length === 1 && !parts[0].commonAlone) parts[0].keys.forEach((k) => name(`any|${k}`));
    });
    const inPlace = parts.map((part, i) =>
      this.nameKeys(person, (name) => part.keys.forEach((k) => name(`pos|${parts.length}|${i}|${k}`))),
    );
    const names = [...(single.length ? [[single]] : []), ...(inPlace.length && inPlace.every((keys) => keys.length) ? [inPlace] : [])];
    return { nik: this.nik(person), age: this.hash(age), names };
  }

  private nik(person: KeyedPerson): Buffer[] {
    return isValidNik(person.idNumber) ? this.hash([`nik|${person.idNumber}`]) : [];
  }

  /** Name keys hold her sex and district: the name rules need both the same. None without a district. */
  private nameKeys(person: KeyedPerson, nameKeys: (name: (key: string) => void) => void): Buffer[] {
    const plain = new Set<string>();
    const district = districtKey(person.district);
    if (district) nameKeys((k) => plain.add(`name|${person.sex}|${district}|${k}`));
    return this.hash([...plain]);
  }

  private hash(plain: Iterable<string>): Buffer[] {
    return [...new Set(plain)].map((p) => createHmac('sha256', this.key).update(p).digest().subarray(0, 16));
  }
}

const birthYear = (birthDate: string) => birthDate.slice(0, 4);

type KeyedPerson = Pick<DuplicatePerson, 'name' | 'sex' | 'district' | 'idNumber' | 'birthDate' | 'ageYears'>;

/**
 * The keys of one lookup (MatchKeys.lookup): a victim is a candidate when she
 * holds a key of `nik`, or a key of `age` and, for one entry of `names`, a key
 * of each of its sets.
 */
export interface MatchLookup {
  /** Her valid NIK's key (none without one). */
  nik: Buffer[];
  /** Her birth year's and her age's keys. */
  age: Buffer[];
  /** Per name rule she may match under, the key sets a candidate must meet all of; empty when her district or name gives none. */
  names: Buffer[][][];
}
