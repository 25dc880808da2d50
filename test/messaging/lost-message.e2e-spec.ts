import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { buildSubject } from '@rujukan/contracts';
import { createTestDatabase, dropTestDatabase, query } from '../support/database.js';
import { ledgerEnv, sendNote, startLedger } from '../support/ledger-node.js';
import { BusAdmin, SHARED_NATS, testRegistry } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';

/**
 * One server can lose a message it acknowledged (power cut before its lazy
 * flush). The test deletes the stored message to play that loss.
 */
describe('an addressed event lost after the bus acknowledged it', () => {
  const registry = testRegistry([
    { id: 'alpha', node: 'ledger', name: 'Sender' },
    { id: 'beta', node: 'ledger', name: 'Receiver' },
  ]);
  let admin: BusAdmin;
  let alphaDb: string;
  let betaDb: string;
  let alpha: INestApplication;
  let beta: INestApplication | undefined;

  beforeAll(async () => {
    admin = await BusAdmin.provision(SHARED_NATS, registry);
    [alphaDb, betaDb] = await Promise.all([createTestDatabase('alpha'), createTestDatabase('beta')]);
    alpha = await startLedger(ledgerEnv(registry, 'alpha', alphaDb, SHARED_NATS, { RECEIPT_TIMEOUT_MS: '1000' }));
  });

  afterAll(async () => {
    await beta?.close();
    await alpha?.close();
    await admin?.close();
    await Promise.all([alphaDb && dropTestDatabase(alphaDb), betaDb && dropTestDatabase(betaDb)]);
  });

  it('is re-sent with the same id until the receipt comes, and applied once', async () => {
    const subject = buildSubject(registry.network.prefix, { area: 'ledger', event: 'note-sent', version: 1, from: 'alpha', to: 'beta' });
    const noteId = randomUUID();
    const eventId = await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId, text: 'lost in a power cut' } });
    const [original] = await waitFor('stored in the stream', async () => {
      const found = await admin.storedMessages(subject);
      return found.length ? found : undefined;
    });
    await admin.jsm.streams.deleteMessage(original.stream, original.seq);

    // Beta is not running yet: no receipt, so alpha re-sends; let it do so twice.
    const copies = await waitFor(
      'two re-sends',
      async () => {
        const found = await admin.storedMessages(subject);
        return found.length >= 2 ? found : undefined;
      },
      15000,
    );
    expect(copies.every((c) => JSON.parse(c.data).id === eventId)).toBe(true);

    beta = await startLedger(ledgerEnv(registry, 'beta', betaDb, SHARED_NATS));
    await waitFor('receipt at alpha', async () => {
      const rows = await query<{ receipt_at: Date | null }>(alphaDb, 'SELECT receipt_at FROM messaging_outbox WHERE event_id = $1', [
        eventId,
      ]);
      return rows[0]?.receipt_at ?? undefined;
    });
    const [sent] = await query<{ send_count: number }>(alphaDb, 'SELECT send_count FROM messaging_outbox WHERE event_id = $1', [eventId]);
    expect(sent.send_count).toBeGreaterThanOrEqual(3);
    expect(await query(betaDb, 'SELECT 1 FROM received_note WHERE note_id = $1', [noteId])).toHaveLength(1);
    // Every copy reached beta: the first applied it, the rest changed nothing.
    const [inbox] = await waitFor('all copies consumed', async () => {
      const rows = await query<{ duplicate_deliveries: number }>(
        betaDb,
        'SELECT duplicate_deliveries FROM messaging_inbox WHERE event_id = $1',
        [eventId],
      );
      return rows[0]?.duplicate_deliveries >= copies.length - 1 ? rows : undefined;
    });
    expect(inbox.duplicate_deliveries).toBeGreaterThanOrEqual(1);
  });
});
