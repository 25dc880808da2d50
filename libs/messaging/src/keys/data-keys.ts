import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isSealedAtRest, openAtRest, sealAtRest } from './at-rest.js';

/**
 * Where the victims' data keys are kept: a schema of its own, so that it is
 * dumped apart from the rest of the database and its dumps are kept only for
 * a short window (docs/security.md, "Victims' data at rest").
 */
export const KEY_STORE_SCHEMA = 'key_store';
export const DATA_KEY_TABLE = `${KEY_STORE_SCHEMA}.data_key`;

/** A victim's data key was destroyed (her erasure): what it sealed cannot be read any more. */
export class DataKeyDestroyed extends Error {
  constructor(readonly subjectId: string) {
    super(`the data key of ${subjectId} was destroyed: her data cannot be read`);
  }
}

/**
 * One victim's data key, unwrapped for the time of one transaction. Each value
 * is sealed with AES-256-GCM (at-rest.ts), bound to the subject and the field
 * it belongs to, so a value copied to another victim or another column does not open.
 * Without a key (a node without a key file) values stay as they are.
 */
export class DataKey {
  constructor(
    readonly subjectId: string,
    private readonly key: KeyObject | null,
  ) {}

  /** What is stored for `value` in `field`. */
  seal<T extends string | null | undefined>(field: string, value: T): T {
    if (value === null || value === undefined || !this.key || isSealedAtRest(value)) return value;
    return sealAtRest(this.key, value, this.associatedData(field)) as T;
  }

  /** The value from what is stored in `field` (a value stored in plain, from before, is returned as it is). */
  open<T extends string | null | undefined>(field: string, stored: T): T {
    if (stored === null || stored === undefined || !isSealedAtRest(stored)) return stored;
    if (!this.key) throw new DataKeyDestroyed(this.subjectId);
    return openAtRest(this.key, stored, this.associatedData(field)) as T;
  }

  /** A JSON value sealed whole (its shape says nothing either). */
  sealJson(field: string, value: unknown): string {
    return this.key ? this.seal(field, JSON.stringify(value)) : JSON.stringify(value);
  }

  openJson<T>(field: string, stored: string): T {
    return JSON.parse(this.open(field, stored)) as T;
  }

  private associatedData(field: string): string {
    return `${field}:${this.subjectId}`;
  }
}

/**
 * The victims' data keys of one node (design.md section 9): each victim's
 * identifying columns are encrypted with her own random key, stored wrapped by
 * the node's master key (the key file) in `key_store.data_key`. Destroying her
 * key (her erasure) leaves nothing of hers readable, in the database or in any
 * database backup, once the key store's own short-lived backups have expired.
 * A node without a key file (a trial) keeps no keys and stores values in plain.
 */
export class DataKeys {
  constructor(private readonly masterKey: KeyObject | null) {}

  /** True when this node encrypts victims' data (it has a key file). */
  get encrypted(): boolean {
    return this.masterKey !== null;
  }

  /** Her key to write with: made (and stored, in the caller's transaction) at its first use. */
  async forWriting(manager: EntityManager, subjectId: string): Promise<DataKey> {
    if (!this.masterKey) return new DataKey(subjectId, null);
    const found = await this.stored(manager, subjectId);
    if (found) return found;
    const wrapped = sealAtRest(this.masterKey, randomBytes(32).toString('base64'), wrapData(subjectId));
    // Two writers of one new victim: the first key stays, the second writer reads it back.
    await manager.query(`INSERT INTO ${DATA_KEY_TABLE} (subject_id, wrapped) VALUES ($1, $2) ON CONFLICT (subject_id) DO NOTHING`, [
      subjectId,
      wrapped,
    ]);
    return (await this.stored(manager, subjectId))!;
  }

  /** Her key to read with; values sealed with a destroyed key throw DataKeyDestroyed when opened. */
  async forReading(manager: EntityManager, subjectId: string): Promise<DataKey> {
    if (!this.masterKey) return new DataKey(subjectId, null);
    return (await this.stored(manager, subjectId)) ?? new DataKey(subjectId, null);
  }

  /** The keys of several victims at once (a list, a set of duplicate candidates). */
  async manyForReading(manager: EntityManager, subjectIds: string[]): Promise<Map<string, DataKey>> {
    const keys = new Map<string, DataKey>(subjectIds.map((id) => [id, new DataKey(id, null)]));
    if (!this.masterKey || !subjectIds.length) return keys;
    const rows: Array<{ subject_id: string; wrapped: string }> = await manager.query(
      `SELECT subject_id, wrapped FROM ${DATA_KEY_TABLE} WHERE subject_id = ANY($1::uuid[])`,
      [subjectIds],
    );
    for (const row of rows) keys.set(row.subject_id, this.unwrap(row.subject_id, row.wrapped));
    return keys;
  }

  /** Destroys her key (her erasure); true when there was one. */
  async destroy(manager: EntityManager, subjectId: string): Promise<boolean> {
    const [, count]: [unknown, number] = await manager.query(`DELETE FROM ${DATA_KEY_TABLE} WHERE subject_id = $1`, [subjectId]);
    return count > 0;
  }

  private async stored(manager: EntityManager, subjectId: string): Promise<DataKey | null> {
    const [row]: Array<{ wrapped: string }> = await manager.query(`SELECT wrapped FROM ${DATA_KEY_TABLE} WHERE subject_id = $1`, [
      subjectId,
    ]);
    return row ? this.unwrap(subjectId, row.wrapped) : null;
  }

  private unwrap(subjectId: string, wrapped: string): DataKey {
    const raw = Buffer.from(openAtRest(this.masterKey!, wrapped, wrapData(subjectId)), 'base64');
    return new DataKey(subjectId, createSecretKey(raw));
  }
}

function wrapData(subjectId: string): string {
  return `data_key:${subjectId}`;
}
