import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { provisionedStreams } from '@rujukan/messaging';
import { createTestDatabase, dropTestDatabase } from '../support/database.js';
import { ledgerEnv, startLedger } from '../support/ledger-node.js';
import { SHARED_NATS, testRegistry } from '../support/test-network.js';

const run = promisify(execFile);

describe('bus provisioning', () => {
  const registry = testRegistry([
    { id: 'uptd-ppa-a', node: 'intake', name: 'UPTD PPA A' },
    { id: 'stats-a', node: 'reporting', name: 'Task force A', broadcasts: true },
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'rujukan-registry-'));
  const file = join(dir, 'agencies.json');
  writeFileSync(file, JSON.stringify(registry));
  const databases: string[] = [];

  afterAll(async () => {
    const nc = await connect({ servers: SHARED_NATS });
    const jsm = await jetstreamManager(nc);
    for (const stream of provisionedStreams(registry.network.stream)) await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
    await Promise.all(databases.map(dropTestDatabase));
  });

  it('the bus command creates the stream and consumers, and a second run only updates them', async () => {
    const env = { ...process.env, NATS_URL: SHARED_NATS };
    const first = await run(process.execPath, ['dist/scripts/bus.js', 'provision', '--registry', file], { env });
    expect(first.stdout).toContain(`stream ${registry.network.stream}: created`);
    expect(first.stdout).toContain(`consumer uptd-ppa-a-inbox: created (filter ${registry.network.prefix}.*.*.*.*.uptd-ppa-a)`);
    expect(first.stdout).toContain(`consumer stats-a-broadcast: created (filter ${registry.network.prefix}.*.*.*.*.all)`);
    const second = await run(process.execPath, ['dist/scripts/bus.js', 'provision', '--registry', file], { env });
    expect(second.stdout).toContain(`stream ${registry.network.stream}: updated`);
    expect(second.stdout).not.toContain('created');

    const nc = await connect({ servers: SHARED_NATS });
    const info = await (await jetstreamManager(nc)).streams.info(registry.network.stream);
    await nc.close();
    expect(info.config).toMatchObject({ storage: 'file', discard: 'new', num_replicas: 1, subjects: [`${registry.network.prefix}.>`] });

    const status = await run(process.execPath, ['dist/scripts/bus.js', 'status', '--registry', file], { env });
    expect(status.stdout).toContain('consumer uptd-ppa-a-inbox: 0 pending, 0 unacknowledged');
  });

  it('a node whose consumer is not provisioned refuses to start and says what to run', async () => {
    const db = await createTestDatabase('unprovisioned');
    databases.push(db);
    const start = startLedger(ledgerEnv(registry, 'not-in-registry', db, SHARED_NATS));
    await expect(start).rejects.toThrow(/not-in-registry-inbox do not exist on stream .*npm run bus -- provision/);
  });
});
