import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropDatabase } from '@rujukan/persistence';

/** The shared PostgreSQL the tests use (trust auth on loopback). */
export const PG_HOST = process.env.TEST_PG_HOST ?? '127.0.0.1';
export const PG_PORT = Number(process.env.TEST_PG_PORT ?? 5432);
export const PG_USER = process.env.TEST_PG_USER ?? 'postgres';

/** The superuser's URL of a test database (what the tests themselves query with). */
export function databaseUrl(name: string, port = PG_PORT): string {
  return `postgres://${PG_USER}@${PG_HOST}:${port}/${name}`;
}

/**
 * The two roles of a test database made by `createTestDatabase` (roles are server-wide: named after the
 * database, unique per run): `owner` owns it and runs the migrations, `node` owns nothing (README, "Database roles").
 */
export function testDatabaseRoles(name: string): { owner: string; node: string } {
  return { owner: `${name}_owner`, node: `${name}_node` };
}

/** A node's DATABASE_URL (its role owning nothing, trust auth on loopback) and DATABASE_MIGRATION_URL for a test database. */
export function nodeDatabaseEnv(name: string, port = PG_PORT): { DATABASE_URL: string; DATABASE_MIGRATION_URL: string } {
  const roles = testDatabaseRoles(name);
  return {
    DATABASE_URL: `postgres://${roles.node}@${PG_HOST}:${port}/${name}`,
    DATABASE_MIGRATION_URL: `postgres://${roles.owner}@${PG_HOST}:${PG_PORT}/${name}`,
  };
}

/** A fresh, uniquely named database owned by its own owner role, with a node role; drop all three with `dropTestDatabase`. */
export async function createTestDatabase(label: string): Promise<string> {
  const name = `t_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  const roles = testDatabaseRoles(name);
  await query('postgres', `CREATE ROLE ${roles.owner} LOGIN`);
  await query('postgres', `CREATE ROLE ${roles.node} LOGIN`);
  await query('postgres', `CREATE DATABASE ${name} OWNER ${roles.owner}`);
  await query('postgres', `REVOKE CONNECT, TEMPORARY ON DATABASE ${name} FROM PUBLIC`);
  await query('postgres', `GRANT CONNECT ON DATABASE ${name} TO ${roles.node}`);
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  await dropDatabase(databaseUrl(name));
  const roles = testDatabaseRoles(name);
  await query('postgres', `DROP ROLE IF EXISTS ${roles.node}`);
  await query('postgres', `DROP ROLE IF EXISTS ${roles.owner}`);
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
