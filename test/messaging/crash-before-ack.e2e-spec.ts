import { randomUUID } from 'node:crypto';
import { addressedStream } from '@rujukan/messaging';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { ChildNode } from '../support/child-node.js';
import { createTestDatabase, dropTestDatabase, query } from '../support/database.js';
import { ledgerEnv, sendNote, startLedger } from '../support/ledger-node.js';
import { BusAdmin, SHARED_NATS, testRegistry } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';

describe('a node killed after its commit and before its ack', () => {
  const registry = testRegistry(
    [
      { id: 'alpha', node: 'ledger', name: 'Sender' },
      { id: 'beta', node: 'ledger', name: 'Receiver (own process)' },
    ],
    { ackWaitMs: 1000 },
  );
  let admin: BusAdmin;
  let alphaDb: string;
  let betaDb: string;
  let alpha: INestApplication;
  const children: ChildNode[] = [];

  beforeAll(async () => {
    admin = await BusAdmin.provision(SHARED_NATS, registry);
    [alphaDb, betaDb] = await Promise.all([createTestDatabase('alpha'), createTestDatabase('beta')]);
    alpha = await startLedger(ledgerEnv(registry, 'alpha', alphaDb, SHARED_NATS));
  });

  afterAll(async () => {
    for (const c of children) await c.stop();
    await alpha?.close();
    await admin?.close();
    await Promise.all([alphaDb && dropTestDatabase(alphaDb), betaDb && dropTestDatabase(betaDb)]);
  });

  it('gets the event redelivered after restart, and the redelivery has no second effect', async () => {
    const betaEnv = ledgerEnv(registry, 'beta', betaDb, SHARED_NATS);
    const crashing = ChildNode.start({ ...betaEnv, LEDGER_CRASH_AFTER_COMMIT: '1' });
    children.push(crashing);
    await waitFor('beta listening', () => crashing.text.includes('ledger listening'), 30000);

    const noteId = randomUUID();
    const eventId = await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId, text: 'crash test' } });
    const exit = await crashing.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(crashing.text).toContain('committed; crashing before ack');
    // The effect committed before the crash...
    expect(await query(betaDb, 'SELECT 1 FROM received_note WHERE note_id = $1', [noteId])).toHaveLength(1);

    // ...and the bus, never acked, redelivers it to the restarted node.
    const restarted = ChildNode.start(betaEnv);
    children.push(restarted);
    const [inbox] = await waitFor(
      'redelivery seen by the inbox',
      async () => {
        const rows = await query<{ duplicate_deliveries: number }>(
          betaDb,
          'SELECT duplicate_deliveries FROM messaging_inbox WHERE event_id = $1',
          [eventId],
        );
        return rows[0]?.duplicate_deliveries >= 1 ? rows : undefined;
      },
      30000,
    );
    expect(inbox.duplicate_deliveries).toBeGreaterThanOrEqual(1);
    expect(await query(betaDb, 'SELECT 1 FROM received_note WHERE note_id = $1', [noteId])).toHaveLength(1);
    const stats = await waitFor('acknowledged at last', async () => {
      const info = await admin.jsm.consumers.info(addressedStream(registry.network.stream, 'beta'), 'beta-inbox');
      return info.num_ack_pending === 0 ? info : undefined;
    });
    expect(stats.delivered.consumer_seq).toBeGreaterThanOrEqual(2); // delivered, crashed, delivered again
  });
});
