import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { buildSubject, SPEC_VERSION } from '@rujukan/contracts';
import { addressedStream, consumerNames } from '@rujukan/messaging';
import { NoteSent } from '../apps/ledger/ledger.contracts.js';
import type { Network } from '../../scripts/network/start-network.js';
import { createTestDatabase, dropTestDatabase, query } from '../support/database.js';
import { ledgerEnv, sendNote, startLedger } from '../support/ledger-node.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { BusAdmin, SHARED_NATS, testRegistry } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';
import { walkInComplaint } from '../support/complaint.js';

/** The body of an event whose payload nests `levels` objects deep: valid JSON, small, and fatal to a recursive copy. */
function deeplyNested(envelope: Record<string, unknown>, levels: number): string {
  const head = JSON.stringify({ ...envelope, payload: undefined }).slice(0, -1);
  return `${head},"payload":${'{"n":'.repeat(levels)}1${'}'.repeat(levels)}}`;
}

/** Waits until the consumer has nothing pending or unacknowledged: every message was acked, none left to redeliver. */
async function consumerSettled(jsm: JetStreamManager, stream: string, durable: string): Promise<void> {
  await waitFor(`${durable} settled`, async () => {
    const info = await jsm.consumers.info(stream, durable);
    return info.num_pending === 0 && info.num_ack_pending === 0;
  });
}

/**
 * Poison messages at a real shelter with max ack pending 8: each is
 * dead-lettered with its reason and acknowledged, and a real referral sent
 * from intake behind them arrives.
 */
describe('poison messages in front of a referral', () => {
  let network: Network;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let token: string;
  const logs: string[] = [];

  const shelter = () => network.nodes.get('shelter')!;
  const intake = () => network.nodes.get('intake')!;
  const stream = () => addressedStream(network.registry.network.stream, shelter().agency);
  const inbox = () => consumerNames(shelter().agency).inbox;
  const referralSubject = () =>
    buildSubject(network.registry.network.prefix, {
      area: 'referral',
      event: 'requested',
      version: 1,
      from: intake().agency,
      to: shelter().agency,
    });

  function envelope(payload: object = {}) {
    return {
      specversion: SPEC_VERSION,
      id: randomUUID(),
      type: 'referral.requested',
      version: 1,
      occurredAt: new Date().toISOString(),
      source: { agency: intake().agency, node: 'intake' },
      to: shelter().agency,
      caseId: randomUUID(),
      correlationId: randomUUID(),
      payload,
    };
  }

  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${intake().url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Registers a case at intake and refers its victim to the shelter; the referral's id. */
  async function referToShelter(): Promise<string> {
    const registered = await call(
      'POST',
      '/cases',
      walkInComplaint({ riskLevel: 'high' }, { consent: { services: true, statistics: false } }),
    );
    expect(registered.status).toBe(201);
    const referred = await call('POST', `/cases/${registered.body.id}/referrals`, {
      victimId: registered.body.victims[0].id,
      service: 'shelter',
      agencyId: shelter().agency,
    });
    expect(referred.status).toBe(201);
    return referred.body.id;
  }

  const referralAtShelter = async (referralId: string) =>
    (await query(shelter().database, 'SELECT 1 FROM incoming_referral WHERE referral_id = $1', [referralId])).length === 1;
  const deadLetter = async (eventId: string) =>
    (await query<{ reason: string }>(shelter().database, 'SELECT reason FROM messaging_dead_letter WHERE event_id = $1', [eventId]))[0];

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'poison',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake', 'shelter'],
      onLine: (name, line) => logs.push(`${name} ${line}`),
    });
    nc = await connect({ servers: SHARED_NATS });
    jsm = await jetstreamManager(nc);
    // As production: few unacknowledged messages per consumer, so unsettled poison would stop the inbox.
    await jsm.consumers.update(stream(), inbox(), { max_ack_pending: 8 });
    const staff = await signInStaff(network, [{ username: 'worker', role: 'case-worker' }]);
    token = staff.get('intake/worker')!.token;
  });

  afterAll(async () => {
    await nc?.close();
    await removeSevenNodes(network);
  });

  it('dead-letters a referral nested 20,000 levels deep with its reason, and the referral behind it arrives', async () => {
    const poison = envelope();
    await jsm.jetstream().publish(referralSubject(), deeplyNested(poison, 20000));
    const referralId = await referToShelter();
    await waitFor('referral at the shelter', () => referralAtShelter(referralId), 30000);
    expect((await waitFor('dead letter', () => deadLetter(poison.id))).reason).toBe('body nests deeper than 32 levels');
    await consumerSettled(jsm, stream(), inbox());
    expect(await query(shelter().database, 'SELECT 1 FROM messaging_dead_letter WHERE event_id = $1', [poison.id])).toHaveLength(1);
  });

  it('keeps the inbox going after eight poison messages in a row', async () => {
    const poisons = Array.from({ length: 8 }, () => envelope());
    for (const p of poisons) await jsm.jetstream().publish(referralSubject(), deeplyNested(p, 20000));
    const referralId = await referToShelter();
    await waitFor('referral at the shelter', () => referralAtShelter(referralId), 30000);
    for (const p of poisons) expect((await waitFor('dead letter', () => deadLetter(p.id))).reason).toBe('body nests deeper than 32 levels');
    await consumerSettled(jsm, stream(), inbox());
  });

  it('dead-letters an oversized body without parsing it', async () => {
    const big = envelope({ padding: 'x'.repeat(300 * 1024) });
    await jsm.jetstream().publish(referralSubject(), JSON.stringify(big));
    const referralId = await referToShelter();
    await waitFor('referral at the shelter', () => referralAtShelter(referralId), 30000);
    const letter = await waitFor('oversized dead letter', async () => {
      const rows = await query<{ reason: string; event_id: string | null }>(
        shelter().database,
        `SELECT reason, event_id FROM messaging_dead_letter WHERE reason LIKE 'body is larger than%'`,
      );
      return rows[0];
    });
    expect(letter.reason).toBe('body is larger than 262144 bytes');
    // Not parsed: the id inside is not read.
    expect(letter.event_id).toBeNull();
    await consumerSettled(jsm, stream(), inbox());
  });

  it('logs reasons, never the values inside the poison', () => {
    expect(logs.join('\n')).not.toContain('xxxxxxxx');
  });
});

/**
 * A stack overflow inside inspection itself (limits raised so the deep body
 * reaches class-transformer): dead-lettered as "could not be inspected", acked.
 */
describe('an error thrown while inspecting an event', () => {
  const registry = testRegistry([
    { id: 'alpha', node: 'ledger', name: 'Sender' },
    { id: 'beta', node: 'ledger', name: 'Receiver' },
  ]);
  let admin: BusAdmin;
  let alphaDb: string;
  let betaDb: string;
  let alpha: INestApplication;
  let beta: INestApplication;
  const noteSubject = buildSubject(registry.network.prefix, { area: 'ledger', event: 'note-sent', version: 1, from: 'alpha', to: 'beta' });

  beforeAll(async () => {
    admin = await BusAdmin.provision(SHARED_NATS, registry);
    await admin.jsm.consumers.update(addressedStream(registry.network.stream, 'beta'), 'beta-inbox', { max_ack_pending: 8 });
    [alphaDb, betaDb] = await Promise.all([createTestDatabase('alpha'), createTestDatabase('beta')]);
    alpha = await startLedger(ledgerEnv(registry, 'alpha', alphaDb, SHARED_NATS));
    beta = await startLedger(
      ledgerEnv(registry, 'beta', betaDb, SHARED_NATS, { BUS_MAX_EVENT_DEPTH: '1000000', BUS_MAX_EVENT_BYTES: '1000000' }),
    );
  });

  afterAll(async () => {
    await alpha?.close();
    await beta?.close();
    await admin?.close();
    await Promise.all([alphaDb && dropTestDatabase(alphaDb), betaDb && dropTestDatabase(betaDb)]);
  });

  it('dead-letters a stack overflow with the error’s class, acks it, and delivers the note behind it', async () => {
    const poisons = Array.from({ length: 8 }, () => ({
      specversion: SPEC_VERSION,
      id: randomUUID(),
      type: NoteSent.type,
      version: 1,
      occurredAt: new Date().toISOString(),
      source: { agency: 'alpha', node: 'ledger' },
      to: 'beta',
      caseId: randomUUID(),
      correlationId: randomUUID(),
    }));
    for (const p of poisons) await admin.publishRaw(noteSubject, deeplyNested(p, 20000));
    const noteId = randomUUID();
    await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId, text: 'behind the overflow' } });
    await waitFor(
      'note at beta',
      async () => (await query(betaDb, 'SELECT 1 FROM received_note WHERE note_id = $1', [noteId])).length === 1,
      30000,
    );
    const letters = await waitFor('eight dead letters', async () => {
      const rows = await query<{ event_id: string; reason: string }>(
        betaDb,
        'SELECT event_id, reason FROM messaging_dead_letter WHERE event_id = ANY($1::text[])',
        [poisons.map((p) => p.id)],
      );
      return rows.length === 8 ? rows : undefined;
    });
    for (const l of letters) expect(l.reason).toBe('could not be inspected: RangeError');
    await consumerSettled(admin.jsm, addressedStream(registry.network.stream, 'beta'), 'beta-inbox');
  });
});
