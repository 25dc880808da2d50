import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Network } from '../../scripts/network/start-network.js';
import { walkInComplaint } from '../support/complaint.js';
import { query } from '../support/database.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';

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
