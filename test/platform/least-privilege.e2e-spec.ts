import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Network } from '../../scripts/network/start-network.js';
import { walkInComplaint } from '../support/complaint.js';
import { databaseUrl, PG_USER, query } from '../support/database.js';
import { removeSevenNodes, removeStreams, signInStaff, startSevenNodes } from '../support/seven-nodes.js';

/**
 * A node whose database role owns no table: migrations run as another role
 * (DATABASE_MIGRATION_URL) that owns them all and grants the node's role row
 * access only, and on the access record reading and appending only. Every
 * test network runs its nodes so (scripts/network/database-roles.ts).
 */
describe('least privilege in the database', () => {
  let network: Network;
  let token: string;

  /** One statement as the node's own role. */
  async function asNode(sql: string): Promise<unknown[]> {
    const client = new pg.Client({ connectionString: network.environment('intake').DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    network = await startSevenNodes({ label: 'privilege', statisticsKey: randomBytes(32).toString('hex'), roles: ['intake'] });
    token = (await signInStaff(network, [{ username: 'worker', role: 'case-worker' }])).get('intake/worker')!.token;
  });

  afterAll(async () => {
    await removeSevenNodes(network);
    // The network's roles go with it: roles are server-wide, none may stay behind.
    const left = await query('postgres', `SELECT rolname FROM pg_roles WHERE rolname = ANY($1)`, [
      [network.databaseRoles.owner.name, network.databaseRoles.node.name],
    ]);
    expect(left).toEqual([]);
  });

  it('starts and serves with a role that owns no tables', async () => {
    expect(network.environment('intake').DATABASE_URL).toContain(`//${network.databaseRoles.node.name}:`);
    const owners = await query<{ owner: string; n: string }>(
      network.nodes.get('intake')!.database,
      `SELECT tableowner AS owner, count(*) AS n FROM pg_tables WHERE schemaname = 'public' GROUP BY 1`,
    );
    expect(owners.map((o) => o.owner)).toEqual([network.databaseRoles.owner.name]);
    expect(Number(owners[0].n)).toBeGreaterThan(10);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${network.nodes.get('intake')!.url}/cases`, {
      method: 'POST',
      headers,
      body: JSON.stringify(walkInComplaint()),
    });
    expect(created.status).toBe(201);
    const listed = await fetch(`${network.nodes.get('intake')!.url}/cases`, { headers });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as unknown[]).length).toBe(1);
  });

  it('lets the node’s role read and append to the access record, never change, delete or empty it', async () => {
    expect(Number(((await asNode(`SELECT count(*) AS n FROM access_record`))[0] as { n: string }).n)).toBeGreaterThan(0);
    for (const sql of [`UPDATE access_record SET outcome = 'denied'`, `DELETE FROM access_record`, `TRUNCATE access_record`]) {
      await expect(asNode(sql)).rejects.toThrow(/permission denied for table access_record/);
    }
  });

  it('does not let the node’s role change the schema', async () => {
    await expect(asNode(`CREATE TABLE intruder (id int)`)).rejects.toThrow(/permission denied for schema public/);
    await expect(asNode(`DROP TABLE case_file`)).rejects.toThrow(/must be owner of table case_file/);
  });
});

/**
 * A database an older launcher made (`npm start` before the roles were split):
 * owned, tables and all, by the superuser. The next start hands it to the
 * network's owner role and the node serves as its node role.
 */
describe('a database from before the role split', () => {
  let network: Network | undefined;

  afterAll(async () => {
    await removeSevenNodes(network);
  });

  it('is handed to the owner role at the next start, and the node serves as a role that owns nothing', async () => {
    const statisticsKey = randomBytes(32).toString('hex');
    const superuser = (db: string) => databaseUrl(db);
    // The old way: the node and its migrations as the superuser.
    const prefix = `t_adopt_${randomBytes(4).toString('hex')}`;
    const old = await startSevenNodes({
      label: 'adopt',
      statisticsKey,
      roles: ['intake'],
      databasePrefix: prefix,
      nodeEnv: { intake: { DATABASE_URL: superuser(`${prefix}_intake`), DATABASE_MIGRATION_URL: '' } },
    });
    network = old;
    const database = old.nodes.get('intake')!.database;
    await signInStaff(old, [{ username: 'worker', role: 'case-worker' }]);
    await old.stop();
    // Its databases are started again below under a new network; its streams are not.
    await removeStreams(old);
    await query('postgres', `ALTER DATABASE ${database} OWNER TO ${PG_USER}`);
    const owners = async () =>
      (await query<{ owner: string }>(database, `SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'`)).map(
        (r) => r.owner,
      );
    expect(await owners()).toEqual([PG_USER]);

    network = await startSevenNodes({ label: 'adopt', statisticsKey, roles: ['intake'], databasePrefix: prefix });
    expect(await owners()).toEqual([network.databaseRoles.owner.name]);
    const [{ owner }] = await query<{ owner: string }>(
      'postgres',
      `SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1`,
      [database],
    );
    expect(owner).toBe(network.databaseRoles.owner.name);
    // What the old node made is there and usable: its admin signs in, as the node's own role.
    const created = await network.command('intake', ['staff', 'create', 'second', 'case-worker'], {
      STAFF_PASSWORD: 'a long enough password 1',
    });
    expect(created.stdout).toMatch(/\([0-9a-f-]{36}\)/);
    expect(await network.signIn('intake', 'second', 'a long enough password 1')).toMatch(/\./);
    expect((await query<{ n: string }>(database, `SELECT count(*) AS n FROM staff_account`))[0].n).toBe('3');
  });
});
