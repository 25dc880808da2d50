import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { districtKey, type DuplicatePerson } from './duplicate-match.js';
import { nameBlockingKeys } from './name-match.js';
import { isValidNik } from './nik.js';

/**
 * Keyed blind indexes for finding duplicate candidates with an indexed
 * lookup instead of reading every victim of the register (docs/api: a
 * possible duplicate on POST /cases). Each key is an HMAC, so the table of
 * keys reveals no NIK or name to whoever reads the database without the
 * node's key, and it keeps working once the identifying columns are
 * encrypted per victim (design.md section 9). A person's keys: her valid NIK;
 * and, with her sex and her district's name (every other rule needs both to
 * agree), each of her name's blocking keys. Two people `findDuplicates`
 * matches always share a key, so the exact rules, run on the few candidates,
 * decide as before.
 */
export class MatchKeys {
  private readonly key: Buffer;

  /** From the unit's statistics key, by HKDF with its own label: one secret to keep, keys kept apart. */
  constructor(statisticsKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(statisticsKey), Buffer.alloc(0), 'rujukan victim match keys v1', 32));
  }

  /** Names the key the stored keys were made with: when it changes, they are made again. */
  get fingerprint(): string {
    return createHash('sha256').update(this.key).digest('hex').slice(0, 16);
  }

  of(person: Pick<DuplicatePerson, 'name' | 'sex' | 'district' | 'idNumber'>): Buffer[] {
    const plain: string[] = [];
    if (isValidNik(person.idNumber)) plain.push(`nik|${person.idNumber}`);
    const district = districtKey(person.district);
    if (district) for (const k of nameBlockingKeys(person.name)) plain.push(`name|${person.sex}|${district}|${k}`);
    return plain.map((p) => createHmac('sha256', this.key).update(p).digest().subarray(0, 16));
  }
}
