import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { districtKey, type DuplicatePerson } from './duplicate-match.js';
import { namePartKeys } from './name-match.js';
import { isValidNik } from './nik.js';

/**
 * Keyed blind indexes for finding duplicate candidates with an indexed
 * lookup instead of reading every victim of the register (docs/api: a
 * possible duplicate on POST /cases). Each key is an HMAC, so the table of
 * keys reveals no NIK or name to whoever reads the database without the
 * node's key, and it keeps working once the identifying columns are
 * encrypted per victim (design.md section 9).
 *
 * The keys a victim is stored under and the keys a new registration looks
 * up differ, so that a common part (Siti, Nur, a shared family name) does
 * not pull in everyone who has it. Two people `findDuplicates` matches always
 * meet: the same valid NIK; or, with the same sex and district (every other
 * rule needs both), either
 * - names of the same length whose parts all match in place: stored under
 *   every part's keys with its place, looked up by one part only (the one
 *   the fewest victims share), since that part must match too; or
 * - a single name matching one part of a fuller one, which it never does when
 *   the single name is too common alone: the single name is stored and looks
 *   up as `single`, a fuller name's parts are stored as `any` and look up
 *   `single`, and a single name looks up `any`.
 * The exact rules, run on the few candidates, decide as before.
 */
export class MatchKeys {
  private readonly key: Buffer;

  /** From the unit's statistics key, by HKDF with its own label: one secret to keep, keys kept apart. */
  constructor(statisticsKey: string) {
    // v2: stored and looked-up keys differ; a node keyed with v1 makes its keys again (fingerprint).
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(statisticsKey), Buffer.alloc(0), 'rujukan victim match keys v2', 32));
  }

  /** Names the key the stored keys were made with: when it changes, they are made again. */
  get fingerprint(): string {
    return createHash('sha256').update(this.key).digest('hex').slice(0, 16);
  }

  /** The keys a registered victim is found under. */
  stored(person: KeyedPerson): Buffer[] {
    const parts = namePartKeys(person.name);
    return this.hash(person, (name) => {
      parts.forEach((part, i) => part.keys.forEach((k) => name(`pos|${parts.length}|${i}|${k}`)));
      if (parts.length > 1) for (const part of parts) part.keys.forEach((k) => name(`any|${k}`));
      else if (parts.length === 1 && !parts[0].commonAlone) parts[0].keys.forEach((k) => name(`single|${k}`));
    });
  }

  /**
   * What a new registration looks up: every victim the rules could match
   * shares a key with `always` or with any one of `byPart` (one set per part
   * of her name, in place), so the lookup may take the part the fewest
   * victims are stored under (the repository counts them).
   */
  lookup(person: KeyedPerson): MatchLookup {
    const parts = namePartKeys(person.name);
    const always = this.hash(person, (name) => {
      if (parts.length > 1) for (const part of parts) part.keys.forEach((k) => name(`single|${k}`));
      else if (parts.length === 1 && !parts[0].commonAlone) parts[0].keys.forEach((k) => name(`any|${k}`));
    });
    const byPart = parts.map((part, i) =>
      this.hash({ ...person, idNumber: null }, (name) => part.keys.forEach((k) => name(`pos|${parts.length}|${i}|${k}`))),
    );
    return { always, byPart: byPart.filter((keys) => keys.length > 0) };
  }

  private hash(person: KeyedPerson, nameKeys: (name: (key: string) => void) => void): Buffer[] {
    const plain = new Set<string>();
    if (isValidNik(person.idNumber)) plain.add(`nik|${person.idNumber}`);
    const district = districtKey(person.district);
    if (district) nameKeys((k) => plain.add(`name|${person.sex}|${district}|${k}`));
    return [...plain].map((p) => createHmac('sha256', this.key).update(p).digest().subarray(0, 16));
  }
}

type KeyedPerson = Pick<DuplicatePerson, 'name' | 'sex' | 'district' | 'idNumber'>;

/** The keys of one lookup: all of `always` and the keys of one part from `byPart` (MatchKeys.lookup). */
export interface MatchLookup {
  /** Her NIK's key and the keys single names meet fuller ones by. */
  always: Buffer[];
  /** Per part of her name, its keys in place; empty when her district or name gives none. */
  byPart: Buffer[][];
}
