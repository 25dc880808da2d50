import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { ensureNats, ensurePostgres, type Service } from '../../scripts/network/services.js';
import { freeFixedPort } from '../support/ports.js';

/** `npm start` on a machine with neither PostgreSQL nor NATS running. */
describe('npm start without local services', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rujukan-data-'));
  const started: Service[] = [];

  afterAll(async () => {
    for (const s of started) await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts an embedded PostgreSQL under the data folder when none answers', async () => {
    const port = await freeFixedPort();
    const service = await ensurePostgres(
      { LOCAL_POSTGRES_URL: 'postgres://postgres@127.0.0.1:1', EMBEDDED_PG_PORT: String(port) },
      dataDir,
    );
    started.push(service);
    expect(service.started).toMatch(/embedded PostgreSQL/);
    const client = new pg.Client({ connectionString: `${service.url}/postgres` });
    await client.connect();
    const { rows } = await client.query('SELECT current_setting($1) AS v', ['server_version_num']);
    await client.end();
    expect(Number(rows[0].v)).toBeGreaterThanOrEqual(150000);
  }, 120000);

  it('starts nats-server with JetStream under the data folder when none answers', async () => {
    const port = await freeFixedPort();
    const service = await ensureNats({ LOCAL_NATS_PORT: String(port) }, dataDir);
    started.push(service);
    expect(service.started).toMatch(/nats-server with JetStream/);
    const nc = await connect({ servers: service.url });
    const info = await (await jetstreamManager(nc)).getAccountInfo();
    await nc.close();
    expect(info.limits).toBeDefined();
  });

  it('uses what already runs, and starts nothing', async () => {
    const pgService = await ensurePostgres({}, dataDir);
    const natsService = await ensureNats({}, dataDir);
    expect([pgService.started, natsService.started]).toEqual([null, null]);
  });
});
