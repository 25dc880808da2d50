import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { buildSubject } from '@rujukan/contracts';
import { createTestDatabase, dropTestDatabase, query } from '../support/database.js';
import { ledgerEnv, sendNote, startLedger } from '../support/ledger-node.js';
import { BusAdmin, SHARED_NATS, testRegistry } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Two replicas of one node on one database: one relay publishes at a time
 * (a session lock on a connection of its own, no transaction held while
 * publishes wait), so each case's events reach the stream in the order they
 * were written, whichever replica wrote them; when the holder stops, or its
 * lock's connection is cut, the other takes over and nothing is left behind.
 */
describe('the outbox relay with two replicas on one database', () => {
  const registry = testRegistry([
    { id: 'alpha', node: 'ledger', name: 'Sender' },
    { id: 'beta', node: 'ledger', name: 'Receiver' },
  ]);
  const subject = buildSubject(registry.network.prefix, { area: 'ledger', event: 'note-sent', version: 1, from: 'alpha', to: 'beta' });
  let admin: BusAdmin;
  let alphaDb: string;
  let betaDb: string;
  const replicas: INestApplication[] = [];
  let beta: INestApplication;
  const cases = Array.from({ length: 6 }, () => randomUUID());

  /** Backends of alpha's database that hold the relay's advisory lock. */
  const lockHolders = () =>
    query<{ pid: number }>(
      alphaDb,
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = 727001 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );

  /** Sends `count` notes over the cases, alternating the replicas, several at once. */
  async function sendRound(count: number, through: INestApplication[]): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 6) {
      const batch = await Promise.all(
        cases.map((caseId, k) =>
          sendNote(through[(i + k) % through.length], { to: 'beta', caseId, note: { noteId: randomUUID(), text: `n${i + k}` } }),
        ),
      );
      ids.push(...batch);
    }
    return ids;
  }

  /** Every note written so far is at beta and receipted at alpha. */
  async function allDelivered(): Promise<void> {
    await waitFor(
      'every note delivered and receipted',
      async () => {
        const [{ open }] = await query<{ open: number }>(
          alphaDb,
          `SELECT count(*)::int AS open FROM messaging_outbox WHERE requires_receipt AND receipt_at IS NULL`,
        );
        return open === 0 ? true : undefined;
      },
      60_000,
      200,
    );
  }

  /** Per case, the order of its notes on the stream is the order alpha's database wrote them in. */
  async function expectStreamOrderAsWritten(): Promise<number> {
    const written = await query<{ event_id: string; case_key: string }>(
      alphaDb,
      `SELECT event_id, case_key FROM messaging_outbox WHERE pattern = 'ledger.note-sent.v1' ORDER BY seq`,
    );
    const stored = (await admin.storedMessages(subject)).sort((a, b) => a.seq - b.seq);
    const onStream = new Map<string, string[]>();
    for (const m of stored) {
      const envelope = JSON.parse(m.data) as { id: string; caseId: string };
      const list = onStream.get(envelope.caseId) ?? [];
      if (!list.includes(envelope.id)) list.push(envelope.id); // a re-send repeats an id; its first place counts
      onStream.set(envelope.caseId, list);
    }
    for (const caseId of cases) {
      const wanted = written.filter((r) => r.case_key === caseId).map((r) => r.event_id);
      expect(onStream.get(caseId)).toEqual(wanted);
    }
    return written.length;
  }

  beforeAll(async () => {
    admin = await BusAdmin.provision(SHARED_NATS, registry);
    [alphaDb, betaDb] = await Promise.all([createTestDatabase('alpha'), createTestDatabase('beta')]);
    // The second replica starts after the first has migrated the database.
    for (let i = 0; i < 2; i++) replicas.push(await startLedger(ledgerEnv(registry, 'alpha', alphaDb, SHARED_NATS)));
    beta = await startLedger(ledgerEnv(registry, 'beta', betaDb, SHARED_NATS));
  });

  afterAll(async () => {
    for (const app of replicas) await app.close().catch(() => undefined);
    await beta?.close();
    await admin?.close();
    await Promise.all([alphaDb && dropTestDatabase(alphaDb), betaDb && dropTestDatabase(betaDb)]);
  });

  it('publishes through one replica at a time, each case in the order written', async () => {
    await sendRound(60, replicas);
    await allDelivered();
    expect(await lockHolders()).toHaveLength(1);
    expect(await expectStreamOrderAsWritten()).toBe(60);
    const [{ notes }] = await query<{ notes: number }>(betaDb, 'SELECT count(*)::int AS notes FROM received_note');
    expect(notes).toBe(60);
  });

  it('hands over when the lock’s connection is cut, and when its replica stops', async () => {
    const [holder] = await lockHolders();
    await query(alphaDb, 'SELECT pg_terminate_backend($1)', [holder.pid]);
    await sendRound(30, replicas);
    await allDelivered();
    const [next] = await waitFor('the lock taken again', async () => {
      const rows = await lockHolders();
      return rows.length === 1 ? rows : undefined;
    });
    expect(next.pid).not.toBe(holder.pid);

    // Both replicas stop in turn with the other still writing: whichever held the lock gives it back at shutdown.
    await replicas[0].close();
    await sendRound(30, [replicas[1]]);
    await allDelivered();
    expect(await lockHolders()).toHaveLength(1);
    expect(await expectStreamOrderAsWritten()).toBe(120);
    const [{ notes }] = await query<{ notes: number }>(betaDb, 'SELECT count(*)::int AS notes FROM received_note');
    expect(notes).toBe(120);
  });
});
