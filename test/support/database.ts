import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropDatabase, ensureDatabase } from '@rujukan/persistence';

/** The shared PostgreSQL the tests use (trust auth on loopback). */
export const PG_HOST = process.env.TEST_PG_HOST ?? '127.0.0.1';
export const PG_PORT = Number(process.env.TEST_PG_PORT ?? 5432);
export const PG_USER = process.env.TEST_PG_USER ?? 'postgres';

export function databaseUrl(name: string, port = PG_PORT): string {
  return `postgres://${PG_USER}@${PG_HOST}:${port}/${name}`;
}

/** A fresh, uniquely named database; drop it with `dropTestDatabase`. */
export async function createTestDatabase(label: string): Promise<string> {
  const name = `t_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(databaseUrl(name));
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  await dropDatabase(databaseUrl(name));
}

/** Runs one query against a test database with its own short-lived connection. */
export async function query<T = Record<string, unknown>>(name: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
