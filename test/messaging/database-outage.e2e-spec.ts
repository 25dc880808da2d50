import { randomUUID } from 'node:crypto';
import { addressedStream } from '@rujukan/messaging';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, dropTestDatabase, PG_PORT, query } from '../support/database.js';
import { ledgerEnv, sendNote, startLedger } from '../support/ledger-node.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { BusAdmin, SHARED_NATS, testRegistry } from '../support/test-network.js';
import { sleep, waitFor } from '../support/wait-for.js';

describe('the receiving node’s database down across many retries', () => {
  const registry = testRegistry(
    [
      { id: 'alpha', node: 'ledger', name: 'Sender' },
      { id: 'beta', node: 'ledger', name: 'Receiver behind a cut-able database link' },
    ],
    { ackWaitMs: 1000 },
  );
  let admin: BusAdmin;
  let alphaDb: string;
  let betaDb: string;
  let alpha: INestApplication;
  let beta: INestApplication;
  let proxy: TcpProxy;

  beforeAll(async () => {
    admin = await BusAdmin.provision(SHARED_NATS, registry);
    [alphaDb, betaDb] = await Promise.all([createTestDatabase('alpha'), createTestDatabase('beta')]);
    proxy = await TcpProxy.start(PG_PORT);
    alpha = await startLedger(ledgerEnv(registry, 'alpha', alphaDb, SHARED_NATS));
    beta = await startLedger(ledgerEnv(registry, 'beta', betaDb, SHARED_NATS, {}, proxy.port));
  });

  afterAll(async () => {
    await proxy?.up();
    await alpha?.close();
    await beta?.close();
    await proxy?.down();
    await admin?.close();
    await Promise.all([alphaDb && dropTestDatabase(alphaDb), betaDb && dropTestDatabase(betaDb)]);
  });

  it('dead-letters nothing, and applies every event once the database is back', async () => {
    await proxy.down();
    const noteIds = Array.from({ length: 20 }, () => randomUUID());
    for (const [i, noteId] of noteIds.entries()) {
      await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId, text: `during outage ${i}` } });
    }
    // All published, none can be applied: the node retries and then stops fetching.
    await waitFor('all published', async () => {
      const rows = await query<{ n: string }>(alphaDb, 'SELECT count(*) n FROM messaging_outbox WHERE sent_at IS NOT NULL');
      return Number(rows[0].n) === 20;
    });
    const firstDelivery = await waitFor('a first delivery attempt', async () => {
      const info = await admin.jsm.consumers.info(addressedStream(registry.network.stream, 'beta'), 'beta-inbox');
      return info.delivered.consumer_seq > 0 ? info : undefined;
    });
    expect(firstDelivery.ack_floor.stream_seq).toBe(0);
    await sleep(6000); // 20 health checks at 300 ms, several retry delays at 200-1000 ms
    const during = await admin.jsm.consumers.info(addressedStream(registry.network.stream, 'beta'), 'beta-inbox');
    expect(during.ack_floor.stream_seq).toBe(0); // nothing acknowledged, nothing terminated

    await proxy.up();
    await waitFor(
      'all 20 applied',
      async () => {
        const rows = await query<{ n: string }>(betaDb, 'SELECT count(*) n FROM received_note WHERE note_id = ANY($1::uuid[])', [noteIds]);
        return Number(rows[0].n) === 20;
      },
      30000,
    );
    expect(await query(betaDb, 'SELECT * FROM messaging_dead_letter')).toHaveLength(0);
    const perNote = await query<{ n: string }>(betaDb, 'SELECT count(*) n FROM received_note GROUP BY note_id');
    expect(perNote.every((r) => Number(r.n) === 1)).toBe(true);
    await waitFor('all acknowledged', async () => {
      const info = await admin.jsm.consumers.info(addressedStream(registry.network.stream, 'beta'), 'beta-inbox');
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    const after = await admin.jsm.consumers.info(addressedStream(registry.network.stream, 'beta'), 'beta-inbox');
    expect(after.delivered.consumer_seq).toBeGreaterThan(20); // some events were delivered more than once
  });
});
