import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { addressedStream, provisionedStreams } from '@rujukan/messaging';
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
    for (const stream of provisionedStreams(registry)) await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
    await Promise.all(databases.map(dropTestDatabase));
  });

  it('the bus command creates the stream and consumers, and a second run only updates them', async () => {
    const env = { ...process.env, NATS_URL: SHARED_NATS };
    const first = await run(process.execPath, ['dist/scripts/bus.js', 'provision', '--registry', file], { env });
    expect(first.stdout).toContain(`stream ${registry.network.stream}: created`);
    const inboxStream = addressedStream(registry.network.stream, 'uptd-ppa-a');
    expect(first.stdout).toContain(`stream ${inboxStream}: created (subjects ${registry.network.prefix}.*.*.*.*.uptd-ppa-a)`);
    expect(first.stdout).toContain(
      `consumer uptd-ppa-a-inbox: created on ${inboxStream} (filter ${registry.network.prefix}.*.*.*.*.uptd-ppa-a)`,
    );
    expect(first.stdout).toContain(
      `consumer stats-a-broadcast: created on ${registry.network.stream} (filter ${registry.network.prefix}.*.*.*.*.all)`,
    );
    const second = await run(process.execPath, ['dist/scripts/bus.js', 'provision', '--registry', file], { env });
    expect(second.stdout).toContain(`stream ${registry.network.stream}: updated`);
    expect(second.stdout).not.toContain('created');

    const nc = await connect({ servers: SHARED_NATS });
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(registry.network.stream);
    const inbox = await jsm.streams.info(inboxStream);
    await nc.close();
    // The broadcasts alone in the network's stream, kept maxAgeDays; an agency's addressed events in its own, kept addressedMaxAgeDays.
    const day = 24 * 3600 * 1e9;
    expect(info.config).toMatchObject({
      storage: 'file',
      discard: 'new',
      num_replicas: 1,
      subjects: [`${registry.network.prefix}.*.*.*.*.all`],
    });
    expect(info.config.max_age).toBe(registry.network.maxAgeDays * day);
    expect(inbox.config).toMatchObject({ storage: 'file', discard: 'new', subjects: [`${registry.network.prefix}.*.*.*.*.uptd-ppa-a`] });
    expect(inbox.config.max_age).toBe(14 * day);

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
