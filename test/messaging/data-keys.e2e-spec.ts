import { execFile } from 'node:child_process';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DataKeyDestroyed, DataKeys, KEY_STORE_SCHEMA, MESSAGING_MIGRATIONS } from '@rujukan/messaging';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/database.js';

const run = promisify(execFile);

/** pg_dump of one test database as SQL text (the superuser; `args` choose what it holds). */
async function dump(name: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('pg_dump', ['--no-owner', '--no-privileges', ...args, databaseUrl(name)], { maxBuffer: 64 << 20 });
  return stdout;
}

async function restore(name: string, sql: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = execFile('psql', ['-q', '-v', 'ON_ERROR_STOP=1', databaseUrl(name)], (error) =>
      error ? reject(new Error(error.message)) : resolve(),
    );
    child.stdin!.end(sql);
  });
}

async function connect(name: string): Promise<DataSource> {
  const ds = new DataSource({
    type: 'postgres',
    url: databaseUrl(name),
    migrations: MESSAGING_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
  });
  await ds.initialize();
  return ds;
}

/** Her value in plain, base64 and hex: a dump holding none of them holds nothing of hers. */
function encodings(value: string): string[] {
  const bytes = Buffer.from(value);
  return [value, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')];
}

describe('victims’ data keys (real PostgreSQL, pg_dump)', () => {
  const masterKey = createSecretKey(randomBytes(32));
  const keys = new DataKeys(masterKey);
  const databases: string[] = [];
  let ds: DataSource;
  const her = randomUUID();
  const other = randomUUID();
  const herName = `Siti Rahayu ${randomBytes(3).toString('hex')}`;
  const otherName = `Dewi Lestari ${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    databases.push(await createTestDatabase('data_keys'));
    ds = await connect(databases[0]);
    await ds.runMigrations();
    await ds.query(`CREATE TABLE person (id uuid PRIMARY KEY, name text NOT NULL)`);
    for (const [id, name] of [
      [her, herName],
      [other, otherName],
    ]) {
      await ds.transaction(async (manager) => {
        const key = await keys.forWriting(manager, id);
        await manager.query(`INSERT INTO person (id, name) VALUES ($1, $2)`, [id, key.seal('person.name', name)]);
      });
    }
  });

  afterAll(async () => {
    await ds?.destroy();
    for (const name of databases) await dropTestDatabase(name);
  });

  async function nameOf(source: DataSource, id: string): Promise<string> {
    const [row]: Array<{ name: string }> = await source.query(`SELECT name FROM person WHERE id = $1`, [id]);
    return (await keys.forReading(source.manager, id)).open('person.name', row.name);
  }

  it('stores each victim’s fields sealed with her own key, which only the master key unwraps', async () => {
    const stored: Array<{ name: string }> = await ds.query(`SELECT name FROM person ORDER BY name`);
    expect(stored.every((r) => r.name.startsWith('aead1:'))).toBe(true);
    expect(await nameOf(ds, her)).toBe(herName);
    expect(await nameOf(ds, other)).toBe(otherName);
    // A value moved to another victim's row does not open with her key.
    const [row]: Array<{ name: string }> = await ds.query(`SELECT name FROM person WHERE id = $1`, [her]);
    const otherKey = await keys.forReading(ds.manager, other);
    expect(() => otherKey.open('person.name', row.name)).toThrow();
    // Another node's master key cannot unwrap this node's data keys.
    await expect(new DataKeys(createSecretKey(randomBytes(32))).forReading(ds.manager, her)).rejects.toThrow();
  });

  it('once her key is destroyed and the key store backups of before have expired, an old database dump cannot be opened for her', async () => {
    // The backups as docs/security.md has them: the database without the key store (kept long), the key store apart (kept briefly).
    const oldDatabaseDump = await dump(databases[0], `--exclude-schema=${KEY_STORE_SCHEMA}`);
    const oldKeyStoreDump = await dump(databases[0], `--schema=${KEY_STORE_SCHEMA}`);
    expect(oldDatabaseDump).not.toContain(herName);

    await ds.transaction(async (manager) => {
      expect(await keys.destroy(manager, her)).toBe(true);
      await manager.query(`DELETE FROM person WHERE id = $1`, [her]);
    });
    expect(await keys.destroy(ds.manager, her)).toBe(false);

    const fresh = await dump(databases[0]);
    for (const encoded of encodings(herName)) expect(fresh).not.toContain(encoded);
    expect(fresh).not.toContain(her);

    // The key store's backup window has passed: its old dump is gone, the one left was made after her erasure.
    const keyStoreDumpLeft = await dump(databases[0], `--schema=${KEY_STORE_SCHEMA}`);
    expect(keyStoreDumpLeft).not.toContain(her);
    expect(oldKeyStoreDump).toContain(her);

    databases.push(await createTestDatabase('data_keys_restored'));
    await restore(databases[1], oldDatabaseDump);
    await restore(databases[1], keyStoreDumpLeft);
    const restored = await connect(databases[1]);
    try {
      expect(await nameOf(restored, other)).toBe(otherName);
      await expect(nameOf(restored, her)).rejects.toThrow(DataKeyDestroyed);
    } finally {
      await restored.destroy();
    }
  });
});
