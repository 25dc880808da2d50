import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';

/** A login role of the network's, with the password this run gave it. */
export interface DatabaseRole {
  name: string;
  password: string;
}

/**
 * The network's two database roles, as production has them per node (README, "Database roles"):
 * `owner` owns every node's database and runs the migrations (DATABASE_MIGRATION_URL); `node` is
 * what the nodes run as (DATABASE_URL) and owns nothing. Roles are server-wide, so their names come
 * from the network's database prefix (unique per test run); each start sets a fresh password.
 */
export interface NetworkDatabaseRoles {
  owner: DatabaseRole;
  node: DatabaseRole;
}

/** The role names of a network with this database prefix (at most 63 characters, PostgreSQL's limit). */
export function networkRoleNames(prefix: string): { owner: string; node: string } {
  const safe = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const base = safe.length <= 56 ? prefix : `${safe.slice(0, 47)}_${createHash('sha256').update(prefix).digest('hex').slice(0, 8)}`;
  return { owner: `${base}_owner`, node: `${base}_node` };
}

/** A database URL on the network's server as one of its roles. */
export function roleUrl(serverUrl: string, role: DatabaseRole, database: string, port?: number): string {
  const url = new URL(`${serverUrl.replace(/\/$/, '')}/${database}`);
  url.username = encodeURIComponent(role.name);
  url.password = encodeURIComponent(role.password);
  if (port !== undefined) url.port = String(port);
  return url.toString();
}

function plain(name: string): string {
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) throw new Error(`"${name}" may hold only letters, digits, _ and - (at most 63)`);
  return `"${name}"`;
}

async function asAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${serverUrl.replace(/\/$/, '')}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates (or, on a later start, re-passwords) the network's two roles, as the server's superuser. */
export async function ensureNetworkRoles(serverUrl: string, prefix: string): Promise<NetworkDatabaseRoles> {
  const names = networkRoleNames(prefix);
  const roles = {
    owner: { name: names.owner, password: randomBytes(18).toString('hex') },
    node: { name: names.node, password: randomBytes(18).toString('hex') },
  };
  await asAdmin(serverUrl, async (client) => {
    for (const role of [roles.owner, roles.node]) {
      const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
      // Hex passwords: safe inline (CREATE ROLE takes no parameters).
      await client.query(`${found.rowCount ? 'ALTER' : 'CREATE'} ROLE ${plain(role.name)} LOGIN PASSWORD '${role.password}'`);
    }
  });
  return roles;
}

/**
 * Makes a node's database owned by the owner role, and connectable by the node role only. A database
 * an older launcher made (owned by the superuser, tables and all) is handed to the owner role.
 */
export async function ensureNodeDatabase(serverUrl: string, database: string, roles: NetworkDatabaseRoles): Promise<void> {
  const [db, owner, node] = [plain(database), plain(roles.owner.name), plain(roles.node.name)];
  const adopt = await asAdmin(serverUrl, async (client) => {
    const found = await client.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!found.rowCount) await client.query(`CREATE DATABASE ${db} OWNER ${owner}`);
    else if (found.rows[0].owner !== roles.owner.name) await client.query(`ALTER DATABASE ${db} OWNER TO ${owner}`);
    await client.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${db} FROM PUBLIC`);
    await client.query(`GRANT CONNECT ON DATABASE ${db} TO ${node}`);
    return found.rowCount ? found.rows[0].owner !== roles.owner.name : false;
  });
  if (!adopt) return;
  const client = new pg.Client({ connectionString: `${serverUrl.replace(/\/$/, '')}/${database}` });
  await client.connect();
  try {
    // Every table, sequence, view and function of the public schema to the owner role (the migrations run as it now).
    await client.query(`DO $$
      DECLARE o record;
      BEGIN
        FOR o IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
        LOOP
          EXECUTE format('ALTER %s public.%I OWNER TO ${owner}', CASE o.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, o.relname);
        END LOOP;
        FOR o IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind = 'S' AND NOT EXISTS (
                   SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
        LOOP
          EXECUTE format('ALTER SEQUENCE public.%I OWNER TO ${owner}', o.relname);
        END LOOP;
        FOR o IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
        LOOP
          EXECUTE format('ALTER FUNCTION %s OWNER TO ${owner}', o.f);
        END LOOP;
        -- The victims' data keys live in their own schema (backed up apart): it and its tables go to the owner too.
        IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'key_store') THEN
          EXECUTE 'ALTER SCHEMA key_store OWNER TO ${owner}';
          FOR o IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'key_store' AND c.relkind IN ('r', 'p')
          LOOP
            EXECUTE format('ALTER TABLE key_store.%I OWNER TO ${owner}', o.relname);
          END LOOP;
        END IF;
      END $$`);
  } finally {
    await client.end();
  }
}

/** Drops the network's roles; their databases must be gone first (tests). */
export async function dropNetworkRoles(serverUrl: string, prefix: string): Promise<void> {
  const names = networkRoleNames(prefix);
  await asAdmin(serverUrl, async (client) => {
    for (const name of [names.node, names.owner]) await client.query(`DROP ROLE IF EXISTS ${plain(name)}`);
  });
}
