import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../scripts/network/embedded-postgres.js';
import { ensureNats, ensurePostgres, type Service } from '../../scripts/network/services.js';
import { freeFixedPort } from '../support/ports.js';

/** `npm start` on a machine with neither PostgreSQL nor NATS running. */
describe('npm start without local services', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rujukan-data-'));
  const started: Service[] = [];

  const cleanups: string[] = [];

  afterAll(async () => {
    for (const s of started) await s.stop();
    for (const dir of [dataDir, ...cleanups]) rmSync(dir, { recursive: true, force: true });
  });

  it('starts an embedded PostgreSQL under the data folder when none answers', async () => {
    const port = await freeFixedPort();
    const service = await ensurePostgres(
      { LOCAL_POSTGRES_URL: 'postgres://postgres@127.0.0.1:1', EMBEDDED_PG_PORT: String(port), RUJUKAN_RUNTIME_DIR: dataDir },
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

  it('EMBEDDED_POSTGRES=1 starts the embedded PostgreSQL even beside a local server on 5432', async () => {
    const port = await freeFixedPort();
    const runtimeDir = mkdtempSync(join(tmpdir(), 'rujukan-runtime-'));
    cleanups.push(runtimeDir);
    const service = await ensurePostgres(
      { EMBEDDED_POSTGRES: '1', EMBEDDED_PG_PORT: String(port), RUJUKAN_RUNTIME_DIR: runtimeDir },
      join(dataDir, 'forced'),
    );
    started.push(service);
    expect(service.started).toMatch(new RegExp(`embedded PostgreSQL in .* on port ${port}`));
    expect(await serverPort(service.url)).toBe(port);
  }, 120000);

  it('runs from a clone in a folder only its owner may enter (as root: as the postgres user, from a copy it can reach)', async () => {
    // What `mktemp -d` makes, or /root: mode 0700. The binaries are inside it, as in such a clone's node_modules.
    const rootOnly = mkdtempSync(join(tmpdir(), 'rujukan-owner-only-'));
    const runtimeDir = mkdtempSync(join(tmpdir(), 'rujukan-runtime-'));
    cleanups.push(rootOnly, runtimeDir);
    expect(statSync(rootOnly).mode & 0o777).toBe(0o700);
    const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    const nativeDir = join(rootOnly, 'clone', 'node_modules', 'native');
    cpSync(dirname(dirname(postgres)), nativeDir, { recursive: true, verbatimSymlinks: true });
    const port = await freeFixedPort();
    const server = await startEmbeddedPostgres({ dataDir: join(rootOnly, 'clone', '.data'), port, nativeDir, runtimeDir });
    started.push({ url: server.url, started: 'embedded', stop: () => server.stop() });

    const client = new pg.Client({ connectionString: `${server.url}/postgres` });
    await client.connect();
    await client.query('CREATE TABLE kept (n int)');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // Read while the session lives: its backend process ends with it.
    const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${rows[0].pid}/status`, 'utf8'))![1]);
    await client.end();
    if (process.getuid!() === 0) {
      expect(uid).not.toBe(0);
      expect(server.dataDir.startsWith(runtimeDir)).toBe(true);
    } else {
      expect(uid).toBe(process.getuid!());
      expect(server.dataDir).toBe(join(rootOnly, 'clone', '.data', 'postgres'));
    }

    // A second start finds the same data.
    await server.stop();
    const again = await startEmbeddedPostgres({ dataDir: join(rootOnly, 'clone', '.data'), port, nativeDir, runtimeDir });
    started.push({ url: again.url, started: 'embedded', stop: () => again.stop() });
    const second = new pg.Client({ connectionString: `${again.url}/postgres` });
    await second.connect();
    const kept = await second.query(`SELECT to_regclass('kept') IS NOT NULL AS kept`);
    await second.end();
    expect(kept.rows[0].kept).toBe(true);
  }, 180000);

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

async function serverPort(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: `${url}/postgres` });
  await client.connect();
  const { rows } = await client.query<{ port: string }>(`SELECT current_setting('port') AS port`);
  await client.end();
  return Number(rows[0].port);
}
