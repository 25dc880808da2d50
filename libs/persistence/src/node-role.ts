import { DataSource, type MixedList } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

/** The session setting through which migrations learn the node's role. */
export const NODE_ROLE_SETTING = 'rujukan.node_role';

/** The user of a postgres:// URL, if it names one. */
export function roleOfUrl(url: string): string | undefined {
  const user = decodeURIComponent(new URL(url).username);
  return user || undefined;
}

/**
 * What the node's role may do, granted by the role that runs the migrations
 * and owns every table: read and write rows (never change the schema),
 * for the tables there are and, by default privileges, those later
 * migrations create; the access record only read and appended to.
 * Idempotent; nothing when the node runs as the migrating role itself.
 */
export async function grantNodeRole(query: (sql: string) => Promise<unknown>, role: string | null | undefined): Promise<void> {
  if (!role) return;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(role)) throw new Error(`the node's database role "${role}" must be a plain identifier`);
  const [me] = (await query(`SELECT current_user AS me`)) as Array<{ me: string }>;
  if (me.me === role) return;
  const r = `"${role}"`;
  await query(`GRANT USAGE ON SCHEMA public TO ${r}`);
  await query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  await query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  await query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
  await query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${r}`);
  await query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${r}`);
  const [{ exists }] = (await query(`SELECT to_regclass('public.access_record') IS NOT NULL AS exists`)) as Array<{ exists: boolean }>;
  if (exists) await query(`REVOKE UPDATE, DELETE, TRUNCATE ON access_record FROM ${r}`);
  // The victims' data keys (their own schema, backed up apart): made, read and destroyed, never changed.
  const [{ keys }] = (await query(`SELECT to_regclass('key_store.data_key') IS NOT NULL AS keys`)) as Array<{ keys: boolean }>;
  if (keys) {
    await query(`GRANT USAGE ON SCHEMA key_store TO ${r}`);
    await query(`GRANT SELECT, INSERT, DELETE ON key_store.data_key TO ${r}`);
  }
}

/**
 * Runs pending migrations as the migrating role (`DATABASE_MIGRATION_URL`),
 * telling them the node's role, then grants that role what it needs.
 */
export async function runMigrationsAs(migrationUrl: string, nodeRole: string | undefined, migrations: MixedList<Function>): Promise<void> {
  const options = dataSourceOptions({ url: migrationUrl, entities: [], migrations, poolSize: 1 });
  const ds = new DataSource({
    ...options,
    extra: { ...(options.extra as object), ...(nodeRole ? { options: `-c ${NODE_ROLE_SETTING}=${nodeRole}` } : {}) },
  });
  await ds.initialize();
  try {
    await ds.runMigrations();
    await grantNodeRole((sql) => ds.query(sql), nodeRole);
  } finally {
    await ds.destroy();
  }
}
