import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { AckPolicy, DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { INestApplication } from '@nestjs/common';
import { broadcastFilter, buildSubject, inboxFilter } from '@rujukan/contracts';
import {
  addressedStream,
  consumerNames,
  EventsExpiredError,
  provisionedStreams,
  resetConsumer,
  type BusRegistry,
} from '@rujukan/messaging';
import { createTestDatabase, dropTestDatabase, query } from '../support/database.js';
import { ledgerEnv, registryFile, sendNote, startLedger } from '../support/ledger-node.js';
import { BusAdmin, SHARED_NATS, testRegistry } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';

const run = promisify(execFile);
const DAY_MS = 24 * 3600 * 1000;

/**
 * The bus keeps an agency's addressed events in a stream of its own only as long as the bus team's retention
 * (`addressedMaxAgeDays`, seconds here), the broadcasts in the network's stream for rebuilds; and a bus laid out the
 * old way, one stream for everything, is moved by `npm run bus -- migrate-streams` without losing an undelivered event.
 */
describe('streams: addressed events kept only as long as needed', () => {
  const apps: INestApplication[] = [];
  const databases: string[] = [];
  const admins: BusAdmin[] = [];

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    for (const admin of admins) await admin.close();
    await Promise.all(databases.map(dropTestDatabase));
  });

  async function node(registry: BusRegistry, agency: string, extra: Record<string, string> = {}, database?: string) {
    let db = database;
    if (!db) {
      db = await createTestDatabase(agency);
      databases.push(db);
    }
    const app = await startLedger(ledgerEnv(registry, agency, db, SHARED_NATS, extra));
    apps.push(app);
    return { app, db };
  }

  const notes = (db: string) => query<{ note_id: string }>(db, 'SELECT note_id FROM received_note');
  const inStream = async (admin: BusAdmin, stream: string) => (await admin.jsm.streams.info(stream)).state;

  it('keeps an addressed event for the retention: a receiver offline for less gets everything, then it is gone', async () => {
    const registry = testRegistry([
      { id: 'alpha', node: 'ledger', name: 'Sender' },
      { id: 'beta', node: 'ledger', name: 'Receiver' },
    ]);
    registry.network.addressedMaxAgeDays = 20_000 / DAY_MS; // 20 s
    const admin = await BusAdmin.provision(SHARED_NATS, registry);
    admins.push(admin);
    const betaStream = addressedStream(registry.network.stream, 'beta');
    const [broadcasts, beta] = await Promise.all([admin.jsm.streams.info(registry.network.stream), admin.jsm.streams.info(betaStream)]);
    expect(broadcasts.config.subjects).toEqual([broadcastFilter(registry.network.prefix)]);
    expect(broadcasts.config.max_age).toBe(nanos(registry.network.maxAgeDays * DAY_MS));
    expect(beta.config.subjects).toEqual([inboxFilter(registry.network.prefix, 'beta')]);
    expect(beta.config.max_age).toBe(nanos(20_000));

    // No re-send within the test: what beta gets, it gets from the stream.
    const alpha = await node(registry, 'alpha', { RECEIPT_TIMEOUT_MS: '600000' });
    const betaDb = await createTestDatabase('beta');
    databases.push(betaDb);
    const sent = [];
    for (let i = 0; i < 5; i++) {
      const noteId = randomUUID();
      sent.push(noteId);
      await sendNote(alpha.app, { to: 'beta', caseId: randomUUID(), note: { noteId, text: `note ${i}` } });
    }
    await waitFor("five events in beta's stream", async () => ((await inStream(admin, betaStream)).messages === 5 ? true : undefined));
    const firstSeqBefore = (await inStream(admin, betaStream)).first_seq;

    // Beta comes back within the retention and gets every event.
    await node(registry, 'beta', {}, betaDb);
    await waitFor('beta applied all five', async () => ((await notes(betaDb)).length === 5 ? true : undefined));
    expect((await notes(betaDb)).map((n) => n.note_id).sort()).toEqual([...sent].sort());

    // After the retention the bus holds none of them; alpha's stream (beta's receipts) empties the same way.
    await waitFor(
      "beta's stream emptied by its retention",
      async () => ((await inStream(admin, betaStream)).messages === 0 ? true : undefined),
      40_000,
      500,
    );
    await waitFor(
      "alpha's stream emptied by its retention",
      async () => ((await inStream(admin, addressedStream(registry.network.stream, 'alpha'))).messages === 0 ? true : undefined),
      40_000,
      500,
    );
    const after = await inStream(admin, betaStream);
    expect(after.first_seq).toBeGreaterThan(firstSeqBefore + 4);

    // A node restored from a backup older than that cannot be brought back from the bus: the bus team is told so.
    await expect(resetConsumer(admin.jsm, registry, consumerNames('beta').inbox, firstSeqBefore)).rejects.toThrow(EventsExpiredError);
    await expect(resetConsumer(admin.jsm, registry, consumerNames('beta').inbox, firstSeqBefore)).rejects.toThrow(
      /no longer holds sequences .* --accept-gap/,
    );
    const reset = await resetConsumer(admin.jsm, registry, consumerNames('beta').inbox, firstSeqBefore, { acceptGap: true });
    expect(reset.stream).toBe(betaStream);
  });

  it('a receiver offline for longer than the retention still gets an event its sender has no receipt for', async () => {
    const registry = testRegistry([
      { id: 'alpha', node: 'ledger', name: 'Sender' },
      { id: 'beta', node: 'ledger', name: 'Receiver' },
    ]);
    registry.network.addressedMaxAgeDays = 3000 / DAY_MS; // 3 s
    const admin = await BusAdmin.provision(SHARED_NATS, registry);
    admins.push(admin);
    const betaStream = addressedStream(registry.network.stream, 'beta');
    // Re-sent every second at most: a copy is always on the bus, younger than its 3 s retention.
    const alpha = await node(registry, 'alpha', { RECEIPT_TIMEOUT_MS: '1000', RECEIPT_RESEND_MAX_MS: '1000' });
    const noteId = randomUUID();
    const eventId = await sendNote(alpha.app, { to: 'beta', caseId: randomUUID(), note: { noteId, text: 'offline a long time' } });
    await waitFor('stored', async () => ((await inStream(admin, betaStream)).last_seq >= 1 ? true : undefined));
    // The first copy expires; the sender keeps sending it while no receipt comes.
    await waitFor(
      'the first copy expired',
      async () => ((await inStream(admin, betaStream)).first_seq > 1 ? true : undefined),
      20_000,
      250,
    );
    await node(registry, 'beta');
    const betaDb = databases[databases.length - 1];
    await waitFor('applied at beta', async () => ((await notes(betaDb)).length === 1 ? true : undefined), 20_000);
    await waitFor('receipt at alpha', async () => {
      const [row] = await query<{ receipt_at: Date | null }>(alpha.db, 'SELECT receipt_at FROM messaging_outbox WHERE event_id = $1', [
        eventId,
      ]);
      return row?.receipt_at ?? undefined;
    });
    expect(await notes(betaDb)).toEqual([{ note_id: noteId }]);
  });

  it('re-sends an event with no receipt less and less often, so an agency away for long is not sent a copy per timeout', async () => {
    const registry = testRegistry([
      { id: 'alpha', node: 'ledger', name: 'Sender' },
      { id: 'beta', node: 'ledger', name: 'Receiver, never started' },
    ]);
    const admin = await BusAdmin.provision(SHARED_NATS, registry);
    admins.push(admin);
    const alpha = await node(registry, 'alpha', { RECEIPT_TIMEOUT_MS: '300', RECEIPT_RESEND_MAX_MS: '60000' });
    await sendNote(alpha.app, { to: 'beta', caseId: randomUUID(), note: { noteId: randomUUID(), text: 'nobody home' } });
    const subject = buildSubject(registry.network.prefix, { area: 'ledger', event: 'note-sent', version: 1, from: 'alpha', to: 'beta' });
    // Sent, then re-sent after 0.3 s, 0.6 s and 1.2 s: four copies within about 2 s.
    await waitFor('four copies', async () => ((await admin.storedMessages(subject)).length >= 4 ? true : undefined), 20_000, 100);
    const stream = addressedStream(registry.network.stream, 'beta');
    const times: number[] = [];
    for (let seq = 1; seq <= 4; seq++) times.push((await admin.jsm.streams.getMessage(stream, { seq }))!.time.getTime());
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // Each copy waited at least twice as long as the one before (a copy is stored before its send is recorded).
    expect(gaps[0]).toBeGreaterThanOrEqual(300 - 20);
    expect(gaps[1]).toBeGreaterThanOrEqual(600 - 20);
    expect(gaps[2]).toBeGreaterThanOrEqual(1200 - 20);
    const [row] = await query<{ send_count: number }>(alpha.db, 'SELECT send_count FROM messaging_outbox WHERE recipient = $1', ['beta']);
    expect(row.send_count).toBeGreaterThanOrEqual(4);
  });

  it('migrates a bus laid out the old way with the documented command, losing no undelivered event', async () => {
    const registry = testRegistry([
      { id: 'alpha', node: 'ledger', name: 'Sender' },
      { id: 'beta', node: 'ledger', name: 'Receiver' },
    ]);
    const { prefix, stream } = registry.network;
    const file = registryFile(registry);
    const env = { ...process.env, NATS_URL: SHARED_NATS };
    const bus = (...args: string[]) => run(process.execPath, ['dist/scripts/bus.js', ...args, '--registry', file], { env });

    // The old layout, as provisioning made it before: one stream for every subject, both inboxes on it.
    const admin = await BusAdmin.connect(SHARED_NATS, registry);
    admins.push(admin);
    await admin.jsm.streams.add({
      name: stream,
      subjects: [`${prefix}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: nanos(DAY_MS),
      discard: DiscardPolicy.New,
      duplicate_window: nanos(120_000),
    });
    for (const agency of ['alpha', 'beta']) {
      await admin.jsm.consumers.add(stream, {
        durable_name: consumerNames(agency).inbox,
        filter_subject: inboxFilter(prefix, agency),
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(registry.consumers.ackWaitMs),
        max_deliver: -1,
        deliver_policy: DeliverPolicy.All,
      });
    }
    // Provisioning refuses it, and says what to run.
    await expect(bus('provision')).rejects.toMatchObject({ stderr: expect.stringMatching(/laid out the old way.*migrate-streams/s) });
    // A broadcast already on the bus stays for rebuilds.
    const broadcastSubject = buildSubject(prefix, { area: 'batch', event: 'published', version: 1, from: 'alpha', to: 'all' });
    await admin.jsm.jetstream().publish(broadcastSubject, JSON.stringify({ kept: true }));

    // Nodes of this release run on the old layout: they find their inboxes on the network's stream.
    const alpha = await node(registry, 'alpha', { RECEIPT_TIMEOUT_MS: '600000' });
    let beta = await node(registry, 'beta');
    const send = async (n: number, tag: string) => {
      const ids = [];
      for (let i = 0; i < n; i++) {
        const noteId = randomUUID();
        ids.push(noteId);
        await sendNote(alpha.app, { to: 'beta', caseId: randomUUID(), note: { noteId, text: `${tag} ${i}` } });
      }
      return ids;
    };
    const delivered = await send(5, 'before');
    await waitFor('five applied on the old layout', async () => ((await notes(beta.db)).length === 5 ? true : undefined));
    // Beta goes offline; five more wait on the old stream, undelivered.
    await beta.app.close();
    apps.splice(apps.indexOf(beta.app), 1);
    const waiting = await send(5, 'waiting');
    await waitFor('five waiting on the old stream', async () => {
      const info = await admin.jsm.consumers.info(stream, consumerNames('beta').inbox);
      return info.num_pending === 5 ? true : undefined;
    });

    const first = await bus('migrate-streams');
    expect(first.stdout).toContain(`stream ${stream}: now takes only broadcasts`);
    expect(first.stdout).toContain(`agency beta: 5 event(s) from sequence`);
    expect(first.stdout).toContain('take a new backup of every node');
    const again = await bus('migrate-streams');
    expect(again.stdout).toContain('already laid out in per-agency streams: nothing to move');
    await bus('provision'); // and provisioning takes the new layout

    // Sent after the migration: to beta's own stream.
    const later = await send(5, 'after');
    beta = await node(registry, 'beta', {}, beta.db);
    await waitFor('beta has all fifteen', async () => ((await notes(beta.db)).length === 15 ? true : undefined), 30_000);
    expect((await notes(beta.db)).map((n) => n.note_id).sort()).toEqual([...delivered, ...waiting, ...later].sort());
    // Each applied once.
    const [{ n }] = await query<{ n: string }>(beta.db, `SELECT count(*) n FROM messaging_inbox WHERE pattern = 'ledger.note-sent.v1'`);
    expect(Number(n)).toBe(15);
    // Alpha kept running through the migration: its inbox moved under it, and every receipt arrived.
    await waitFor('every receipt at alpha', async () => {
      const rows = await query<{ open: string }>(
        alpha.db,
        'SELECT count(*) open FROM messaging_outbox WHERE requires_receipt AND receipt_at IS NULL',
      );
      return Number(rows[0].open) === 0 ? true : undefined;
    });

    // The network's stream holds the broadcasts only; the old inboxes are gone from it.
    const info = await admin.jsm.streams.info(stream, { subjects_filter: '>' });
    expect(info.config.subjects).toEqual([broadcastFilter(prefix)]);
    expect(Object.keys(info.state.subjects ?? {})).toEqual([broadcastSubject]);
    const onOld = await admin.jsm.consumers.list(stream).next();
    expect(onOld.map((c) => c.name)).toEqual([]);
    for (const agency of ['alpha', 'beta']) {
      const c = await admin.jsm.consumers.info(addressedStream(stream, agency), consumerNames(agency).inbox);
      expect(c.config.filter_subject).toBe(inboxFilter(prefix, agency));
    }
    expect(provisionedStreams(registry)).toContain(addressedStream(stream, 'beta'));
  });
});
