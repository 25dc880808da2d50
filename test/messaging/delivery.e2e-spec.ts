import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { buildSubject, SPEC_VERSION } from '@rujukan/contracts';
import { DeadLetterService } from '@rujukan/messaging';
import { ItemAccepted, ItemCompleted, NoteSent } from '../apps/ledger/ledger.contracts.js';
import { createTestDatabase, dropTestDatabase, query } from '../support/database.js';
import { ledgerEnv, sendNote, startLedger } from '../support/ledger-node.js';
import { BusAdmin, SHARED_NATS, testRegistry } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';

/** Delivery rules on the shared bus with two in-process nodes: alpha sends, beta receives. */
describe('event delivery between two nodes', () => {
  const registry = testRegistry([
    { id: 'alpha', node: 'ledger', name: 'Sender' },
    { id: 'beta', node: 'ledger', name: 'Receiver' },
  ]);
  const { prefix } = registry.network;
  let admin: BusAdmin;
  let alphaDb: string;
  let betaDb: string;
  let alpha: INestApplication;
  let beta: INestApplication;

  const notesAtBeta = (noteId: string) => query(betaDb, 'SELECT * FROM received_note WHERE note_id = $1', [noteId]);
  const deadLettersAtBeta = () =>
    query<{ reason: string; event_id: string | null; pattern: string | null }>(
      betaDb,
      'SELECT * FROM messaging_dead_letter ORDER BY created_at',
    );

  /** An envelope as a well-behaved alpha would write it, for raw publishing. */
  function envelope(type: string, payload: object, overrides: Record<string, unknown> = {}) {
    return {
      specversion: SPEC_VERSION,
      id: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      source: { agency: 'alpha', node: 'ledger' },
      to: 'beta',
      caseId: randomUUID(),
      correlationId: randomUUID(),
      payload,
      ...overrides,
    };
  }
  const noteSubject = buildSubject(prefix, { area: 'ledger', event: 'note-sent', version: 1, from: 'alpha', to: 'beta' });

  beforeAll(async () => {
    admin = await BusAdmin.provision(SHARED_NATS, registry);
    [alphaDb, betaDb] = await Promise.all([createTestDatabase('alpha'), createTestDatabase('beta')]);
    alpha = await startLedger(ledgerEnv(registry, 'alpha', alphaDb, SHARED_NATS));
    beta = await startLedger(ledgerEnv(registry, 'beta', betaDb, SHARED_NATS));
  });

  afterAll(async () => {
    await alpha?.close();
    await beta?.close();
    await admin?.close();
    await Promise.all([alphaDb && dropTestDatabase(alphaDb), betaDb && dropTestDatabase(betaDb)]);
  });

  it('delivers a note once and records the receiver’s receipt at the sender', async () => {
    const noteId = randomUUID();
    const eventId = await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId, text: 'first contact' } });
    await waitFor('note at beta', async () => (await notesAtBeta(noteId)).length === 1);
    const [row] = await waitFor('receipt at alpha', async () => {
      const rows = await query<{ receipt_at: Date | null; sent_at: Date | null }>(
        alphaDb,
        'SELECT * FROM messaging_outbox WHERE event_id = $1',
        [eventId],
      );
      return rows[0]?.receipt_at ? rows : undefined;
    });
    expect(row.sent_at).not.toBeNull();
    const inbox = await query(betaDb, 'SELECT * FROM messaging_inbox WHERE event_id = $1', [eventId]);
    expect(inbox).toHaveLength(1);
  });

  it('accepts an event with an extra unknown field and ignores the field', async () => {
    const noteId = randomUUID();
    const event = envelope(NoteSent.type, { noteId, text: 'from a newer producer', addedInV1_1: 'ignored' }, { futureEnvelopeField: 1 });
    await admin.publishRaw(noteSubject, event);
    const [row] = await waitFor('note at beta', async () => {
      const rows = await notesAtBeta(noteId);
      return rows.length ? rows : undefined;
    });
    expect(row.text).toBe('from a newer producer');
    expect(Object.keys(row)).not.toContain('addedInV1_1');
    expect((await deadLettersAtBeta()).filter((d) => d.event_id === event.id)).toHaveLength(0);
  });

  it('dead-letters malformed events with their reason and keeps processing the ones behind them', async () => {
    const before = (await deadLettersAtBeta()).length;
    const missingField = envelope(NoteSent.type, { noteId: randomUUID() });
    const wrongType = envelope(NoteSent.type, { noteId: 'not-a-uuid', text: 42 });
    const unknownVersion = envelope(NoteSent.type, { noteId: randomUUID(), text: 'v9' }, { version: 9 });
    await admin.publishRaw(noteSubject, '{"this is": not json');
    await admin.publishRaw(noteSubject, missingField);
    await admin.publishRaw(noteSubject, wrongType);
    await admin.publishRaw(
      buildSubject(prefix, { area: 'ledger', event: 'note-sent', version: 9, from: 'alpha', to: 'beta' }),
      unknownVersion,
    );
    const goodId = randomUUID();
    await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId: goodId, text: 'behind the bad ones' } });

    await waitFor('good note at beta', async () => (await notesAtBeta(goodId)).length === 1);
    const letters = await waitFor('four dead letters', async () => {
      const rows = (await deadLettersAtBeta()).slice(before);
      return rows.length >= 4 ? rows : undefined;
    });
    const reasonOf = (id: string | null) => letters.find((l) => l.event_id === id)?.reason;
    expect(letters.some((l) => l.reason === 'body is not UTF-8 JSON')).toBe(true);
    expect(reasonOf(missingField.id)).toMatch(/^invalid payload: text: /);
    expect(reasonOf(wrongType.id)).toMatch(/noteId: noteId must be a UUID/);
    expect(reasonOf(wrongType.id)).toMatch(/text: text must be a string/);
    expect(reasonOf(unknownVersion.id)).toBe('unknown event type or version: ledger.note-sent.v9');
    // The reason names fields, never the values that were sent.
    expect(letters.map((l) => l.reason).join(' ')).not.toMatch(/not-a-uuid|42/);
  });

  it('dead-letters an event whose envelope claims another sender than its subject', async () => {
    const noteId = randomUUID();
    const spoofed = envelope(NoteSent.type, { noteId, text: 'spoof' }, { source: { agency: 'gamma', node: 'ledger' } });
    await admin.publishRaw(noteSubject, spoofed);
    const letter = await waitFor('spoof dead-lettered', async () => (await deadLettersAtBeta()).find((d) => d.event_id === spoofed.id));
    expect(letter.reason).toBe('envelope does not match its subject: source agency');
    expect(await notesAtBeta(noteId)).toHaveLength(0);
  });

  it('dead-letters an event a business rule refuses, at once, and replays it by command once fixed', async () => {
    const refusedId = randomUUID();
    const eventId = await sendNote(alpha, {
      to: 'beta',
      caseId: randomUUID(),
      note: { noteId: refusedId, text: 'x', refuse: 'no capacity' },
    });
    const nextId = randomUUID();
    await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId: nextId, text: 'next' } });
    await waitFor('next note', async () => (await notesAtBeta(nextId)).length === 1);
    const letter = await waitFor('refusal dead-lettered', async () => (await deadLettersAtBeta()).find((d) => d.event_id === eventId));
    expect(letter.reason).toBe('rejected: no capacity');
    expect(await notesAtBeta(refusedId)).toHaveLength(0);
    // Once dead-lettered, the inbox holds no row: the event can be replayed.
    expect(await query(betaDb, 'SELECT 1 FROM messaging_inbox WHERE event_id = $1', [eventId])).toHaveLength(0);

    const service = beta.get(DeadLetterService);
    const listed = await service.list({ open: true });
    const entry = listed.find((l) => l.eventId === eventId)!;
    expect(entry.reason).toBe('rejected: no capacity');
    expect(Object.keys(entry)).not.toContain('data');
    // The same rule refuses it again on replay: it stays open, still one letter.
    expect(await service.replay(entry.id)).toBe('dead-lettered');
    expect((await deadLettersAtBeta()).filter((d) => d.event_id === eventId)).toHaveLength(1);
    // It reached beta's dead-letter store: the receipt went back, so alpha stops re-sending it.
    await waitFor('receipt for the refused event', async () => {
      const rows = await query<{ receipt_at: Date | null }>(alphaDb, 'SELECT receipt_at FROM messaging_outbox WHERE event_id = $1', [
        eventId,
      ]);
      return rows[0]?.receipt_at ?? undefined;
    });
  });

  it('replays a dead letter whose cause is gone, exactly once', async () => {
    const noteId = randomUUID();
    // A payload this node's contract refuses (text too long).
    const event = envelope(NoteSent.type, { noteId, text: 'y'.repeat(201) });
    await admin.publishRaw(noteSubject, event);
    const letter = await waitFor('dead letter', async () => (await deadLettersAtBeta()).find((d) => d.event_id === event.id));
    expect(letter.reason).toMatch(/text must be shorter than or equal to 200/);
    const service = beta.get(DeadLetterService);
    const [entry] = (await service.list({ open: true })).filter((l) => l.eventId === event.id);
    // Stored bytes can be corrected by an operator before replay (here: shorten the text).
    const fixed = { ...event, payload: { noteId, text: 'y'.repeat(20) } };
    await query(betaDb, 'UPDATE messaging_dead_letter SET data = $1 WHERE id = $2', [Buffer.from(JSON.stringify(fixed)), entry.id]);
    expect(await service.replay(entry.id)).toBe('applied');
    expect(await service.replay(entry.id)).toBe('duplicate');
    expect(await notesAtBeta(noteId)).toHaveLength(1);
    expect((await service.list({ open: true })).find((l) => l.id === entry.id)).toBeUndefined();
  });

  it('rolls back a handler that throws after its first write, and applies the retry exactly once', async () => {
    const noteId = randomUUID();
    const eventId = await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId, text: 'flaky', failUntilDelivery: 3 } });
    const [row] = await waitFor(
      'note applied on third delivery',
      async () => {
        const rows = await notesAtBeta(noteId);
        return rows.length ? rows : undefined;
      },
      30000,
    );
    // Deliveries 1 and 2 wrote the row then threw: had either write survived,
    // delivery 3 would have hit the primary key instead of being applied.
    expect(row.delivery_count).toBe(3);
    expect(await notesAtBeta(noteId)).toHaveLength(1);
    expect((await deadLettersAtBeta()).filter((d) => d.event_id === eventId)).toHaveLength(0);
  });

  it('reaches the right final state when a completion overtakes its acceptance', async () => {
    const itemId = randomUUID();
    const caseId = randomUUID();
    const subject = (event: string) => buildSubject(prefix, { area: 'ledger', event, version: 1, from: 'alpha', to: 'beta' });
    // Published in the wrong order, then the acceptance repeated.
    await admin.publishRaw(subject('item-completed'), envelope(ItemCompleted.type, { itemId }, { caseId }));
    await admin.publishRaw(subject('item-accepted'), envelope(ItemAccepted.type, { itemId }, { caseId }));
    const lateRepeat = envelope(ItemAccepted.type, { itemId }, { caseId });
    await admin.publishRaw(subject('item-accepted'), lateRepeat);
    await waitFor(
      'all three applied',
      async () => (await query(betaDb, 'SELECT 1 FROM messaging_inbox WHERE event_id = $1', [lateRepeat.id])).length === 1,
    );
    const [item] = await query<{ state: string }>(betaDb, 'SELECT state FROM item WHERE item_id = $1', [itemId]);
    expect(item.state).toBe('completed');
  });
});
