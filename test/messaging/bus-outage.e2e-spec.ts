import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, dropTestDatabase, query } from '../support/database.js';
import { baseUrl, ledgerEnv, sendNote, startLedger } from '../support/ledger-node.js';
import { PrivateNats } from '../support/private-nats.js';
import { BusAdmin, testRegistry } from '../support/test-network.js';
import { sleep, waitFor } from '../support/wait-for.js';

/**
 * The bus stops for 22 s: longer than the NATS client's default reconnect
 * budget (10 attempts, 2 s apart), with the client's default 2 s wait. A test
 * of its own server, so the shared one is never stopped.
 */
describe('the bus down for longer than the client’s default reconnect budget', () => {
  const OUTAGE_MS = 22000;
  const registry = testRegistry([
    { id: 'alpha', node: 'ledger', name: 'Sender' },
    { id: 'beta', node: 'ledger', name: 'Receiver started during the outage' },
  ]);
  let nats: PrivateNats;
  let alphaDb: string;
  let betaDb: string;
  let alpha: INestApplication;
  let beta: INestApplication | undefined;

  const countAt = async (db: string, sql: string, params: unknown[] = []) => Number((await query<{ n: string }>(db, sql, params))[0].n);

  beforeAll(async () => {
    nats = await PrivateNats.start();
    const admin = await BusAdmin.provision(nats.url, registry);
    await admin.close(false);
    [alphaDb, betaDb] = await Promise.all([createTestDatabase('alpha'), createTestDatabase('beta')]);
    alpha = await startLedger(ledgerEnv(registry, 'alpha', alphaDb, nats.url, { NATS_RECONNECT_WAIT_MS: '2000' }));
  });

  afterAll(async () => {
    await beta?.close();
    await alpha?.close();
    await nats?.destroy();
    await Promise.all([alphaDb && dropTestDatabase(alphaDb), betaDb && dropTestDatabase(betaDb)]);
  });

  it('keeps serving, holds events in the outbox, and delivers everything once afterwards', async () => {
    // Published before the outage while beta was not running: beta must catch up on these.
    const before = [randomUUID(), randomUUID(), randomUUID()];
    for (const noteId of before) await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId, text: 'before' } });
    await waitFor(
      'published before the outage',
      async () => (await countAt(alphaDb, 'SELECT count(*) n FROM messaging_outbox WHERE sent_at IS NULL')) === 0,
    );

    await nats.stop();
    const outageStart = Date.now();

    // A node started while the bus is down serves its API.
    beta = await startLedger(ledgerEnv(registry, 'beta', betaDb, nats.url, { NATS_RECONNECT_WAIT_MS: '2000' }));
    const health = await fetch(`${baseUrl(beta)}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', bus: 'disconnected' });

    // The sender keeps accepting work; its events wait in the outbox.
    const during = Array.from({ length: 10 }, () => randomUUID());
    for (const noteId of during) await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId, text: 'during' } });
    await sleep(OUTAGE_MS - (Date.now() - outageStart));
    expect(await countAt(alphaDb, 'SELECT count(*) n FROM messaging_outbox WHERE sent_at IS NULL')).toBe(10);
    expect(((await (await fetch(`${baseUrl(alpha)}/health`)).json()) as { bus: string }).bus).toBe('disconnected');

    await nats.start();
    const all = [...before, ...during];
    await waitFor(
      'all 13 notes at beta',
      async () => (await countAt(betaDb, 'SELECT count(*) n FROM received_note WHERE note_id = ANY($1::uuid[])', [all])) === 13,
      40000,
    );
    await waitFor(
      'every receipt back at alpha',
      async () =>
        (await countAt(alphaDb, `SELECT count(*) n FROM messaging_outbox WHERE pattern = 'ledger.note-sent.v1' AND receipt_at IS NULL`)) ===
        0,
      20000,
    );
    expect(await countAt(betaDb, 'SELECT count(*) n FROM messaging_inbox')).toBe(13);
    expect(await countAt(betaDb, 'SELECT count(*) n FROM messaging_dead_letter')).toBe(0);
  });
});
