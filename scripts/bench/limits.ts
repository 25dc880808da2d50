/**
 * The limits the benchmark's figures are divided by (issue "Fast where it
 * counts", item 5): what the bus, the database and an ideal hop manage on
 * this machine, in the same run as the figures. The ideal hop has the
 * project's guarantees and nothing else: pull -> one transaction (inbox
 * insert-or-ignore, the effect, an outbox row) -> publish the receipt and wait
 * for its ack -> ack. With `protect`, each event is also signed and sealed by
 * its sender and verified and opened by the receiver, as the network does.
 *
 * Kept unchanged while the project is optimised: a faster limit would make
 * every ratio look worse, a slower one better.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { ReferralRequested, SPEC_VERSION, type EventEnvelope, type ReferralRequestedV1 } from '@rujukan/contracts';
import { AgencyRegistry, EnvelopeProtection, NodeKeys } from '@rujukan/messaging';
import pg from 'pg';

/** Events in flight at once, as a node's EVENT_CONCURRENCY default. */
const CONCURRENCY = 4;
const SENDER = 'bench-intake';
const RECEIVER = 'bench-shelter';

export interface LimitBus {
  jsm: JetStreamManager;
  /** A stream of this run only, whose subjects are `<prefix>.>`. */
  stream: string;
  prefix: string;
  /** postgres://user@host:port/database of this run only. */
  databaseUrl: string;
}

/** Messages per second published to the stream, 256 publishes in flight. */
export async function rawPublish(bus: LimitBus, n: number): Promise<number> {
  const js = bus.jsm.jetstream();
  const body = Buffer.alloc(1024, 'x');
  const subject = `${bus.prefix}.raw.${randomUUID()}`;
  const t0 = performance.now();
  let inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) {
    inFlight.push(js.publish(subject, body));
    if (inFlight.length >= 256) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  return rate(n, t0);
}

/** Messages per second consumed and acked one by one from a durable pull consumer (after publishing them, untimed). */
export async function rawConsume(bus: LimitBus, n: number): Promise<number> {
  const subject = `${bus.prefix}.raw.${randomUUID()}`;
  await publishAll(
    bus,
    subject,
    Array.from({ length: n }, () => Buffer.alloc(1024, 'x')),
  );
  const durable = `raw_${randomUUID().slice(0, 8)}`;
  await bus.jsm.consumers.add(bus.stream, {
    durable_name: durable,
    filter_subject: subject,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
  });
  try {
    const consumer = await bus.jsm.jetstream().consumers.get(bus.stream, durable);
    const t0 = performance.now();
    const messages = await consumer.consume({ max_messages: CONCURRENCY * 4 * 16 });
    let seen = 0;
    for await (const m of messages) {
      m.ack();
      if (++seen === n) break;
    }
    const r = rate(n, t0);
    await messages.close();
    return r;
  } finally {
    await bus.jsm.consumers.delete(bus.stream, durable).catch(() => undefined);
  }
}

/** Single-row transactions per second (BEGIN, INSERT, COMMIT), from CONCURRENCY connections. */
export async function singleRowTransactions(bus: LimitBus, n: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: bus.databaseUrl, max: CONCURRENCY });
  try {
    await pool.query('CREATE TABLE IF NOT EXISTS bench_row (id uuid PRIMARY KEY, body jsonb NOT NULL)');
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const client = await pool.connect();
        try {
          while (next++ < n) {
            await client.query('BEGIN');
            await client.query('INSERT INTO bench_row (id, body) VALUES ($1, $2)', [randomUUID(), { i: next }]);
            await client.query('COMMIT');
          }
        } finally {
          client.release();
        }
      }),
    );
    return rate(n, t0);
  } finally {
    await pool.end();
  }
}

/**
 * The ideal hop: n referrals (sealed and signed when `protect`) are on the
 * stream; CONCURRENCY workers take them `batch` at a time, apply each batch in
 * one transaction (inbox insert-or-ignore returning the new ids, the effect
 * and an outbox row for each new one), publish one receipt per event and wait
 * for the acks, then ack the events. Events per second.
 */
export async function idealHop(bus: LimitBus, n: number, options: { batch: number; protect: boolean }): Promise<number> {
  const keysDir = mkdtempSync(join(tmpdir(), 'bench-hop-keys-'));
  const pool = new pg.Pool({ connectionString: bus.databaseUrl, max: CONCURRENCY });
  const durable = `hop_${randomUUID().slice(0, 8)}`;
  try {
    const agencies = [
      { id: SENDER, node: 'intake', name: 'sender' },
      { id: RECEIVER, node: 'shelter', name: 'receiver' },
    ];
    const keys = { [SENDER]: NodeKeys.loadOrCreate(join(keysDir, 's.json')), [RECEIVER]: NodeKeys.loadOrCreate(join(keysDir, 'r.json')) };
    const registry = options.protect
      ? AgencyRegistry.of(agencies, { [SENDER]: keys[SENDER].publicKeys, [RECEIVER]: keys[RECEIVER].publicKeys })
      : AgencyRegistry.of(agencies);
    const sender = new EnvelopeProtection(registry, keys[SENDER], SENDER);
    const receiver = new EnvelopeProtection(registry, keys[RECEIVER], RECEIVER);
    await pool.query(`CREATE TABLE IF NOT EXISTS hop_inbox (event_id uuid PRIMARY KEY, stream_seq bigint NOT NULL);
      CREATE TABLE IF NOT EXISTS hop_effect (referral_id uuid PRIMARY KEY, person jsonb NOT NULL);
      CREATE TABLE IF NOT EXISTS hop_outbox (id uuid PRIMARY KEY, envelope jsonb NOT NULL)`);

    const subject = `${bus.prefix}.hop.${randomUUID()}`;
    const bodies = Array.from({ length: n }, () => Buffer.from(JSON.stringify(sender.protect(referral(), ReferralRequested))));
    await publishAll(bus, subject, bodies);
    await bus.jsm.consumers.add(bus.stream, {
      durable_name: durable,
      filter_subject: subject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: CONCURRENCY * options.batch * 2,
    });
    const js = bus.jsm.jetstream();
    const consumer = await js.consumers.get(bus.stream, durable);
    const receiptSubject = `${bus.prefix}.hop-receipts.${randomUUID()}`;

    const apply = async (batch: JsMsg[]) => {
      const events = batch.map((m) => {
        const json = m.json<Record<string, unknown>>();
        const opened = receiver.unprotect(json, ReferralRequested, SENDER);
        if (!opened.ok) throw new Error(`ideal hop: ${opened.reason}`);
        return { id: json.id as string, seq: m.seq, payload: opened.payload as ReferralRequestedV1 };
      });
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const fresh = await client.query<{ event_id: string }>(
          `INSERT INTO hop_inbox (event_id, stream_seq) SELECT * FROM unnest($1::uuid[], $2::bigint[])
             ON CONFLICT DO NOTHING RETURNING event_id`,
          [events.map((e) => e.id), events.map((e) => e.seq)],
        );
        const isNew = new Set(fresh.rows.map((r) => r.event_id));
        const applied = events.filter((e) => isNew.has(e.id));
        if (applied.length) {
          await client.query('INSERT INTO hop_effect (referral_id, person) SELECT * FROM unnest($1::uuid[], $2::jsonb[])', [
            applied.map((e) => e.payload.referralId),
            applied.map((e) => JSON.stringify(e.payload.person)),
          ]);
          await client.query('INSERT INTO hop_outbox (id, envelope) SELECT * FROM unnest($1::uuid[], $2::jsonb[])', [
            applied.map(() => randomUUID()),
            applied.map((e) => JSON.stringify({ type: 'delivery.receipt', eventId: e.id })),
          ]);
        }
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      await Promise.all(events.map((e) => js.publish(receiptSubject, JSON.stringify({ eventId: e.id }))));
      for (const m of batch) m.ack();
    };

    const t0 = performance.now();
    const messages = await consumer.consume({ max_messages: CONCURRENCY * options.batch * 2 });
    let taken = 0;
    let done = 0;
    const pending: JsMsg[] = [];
    const running = new Set<Promise<void>>();
    const finished = new Promise<void>((resolve, reject) => {
      const flush = (all: boolean) => {
        while (running.size < CONCURRENCY && (pending.length >= options.batch || (all && pending.length))) {
          const batch = pending.splice(0, options.batch);
          const p: Promise<void> = apply(batch).then(
            () => {
              running.delete(p);
              done += batch.length;
              if (done >= n) resolve();
              else flush(taken >= n);
            },
            (err: unknown) => reject(err instanceof Error ? err : new Error(String(err))),
          );
          running.add(p);
        }
      };
      void (async () => {
        for await (const m of messages) {
          pending.push(m);
          if (++taken >= n) {
            flush(true);
            break;
          }
          flush(false);
        }
      })().catch(reject);
    });
    await finished;
    const r = rate(n, t0);
    await messages.close();
    return r;
  } finally {
    await bus.jsm.consumers.delete(bus.stream, durable).catch(() => undefined);
    await pool.end();
    rmSync(keysDir, { recursive: true, force: true });
  }
}

function referral(): EventEnvelope<ReferralRequestedV1> {
  return {
    specversion: SPEC_VERSION,
    id: randomUUID(),
    type: ReferralRequested.type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: { agency: SENDER, node: 'intake' },
    to: RECEIVER,
    caseId: randomUUID(),
    victimId: randomUUID(),
    correlationId: randomUUID(),
    payload: {
      referralId: randomUUID(),
      service: 'shelter',
      person: { name: 'Korban Bench', sex: 'female', ageYears: 24, safetyNotes: 'a safety note of some length', requestNotes: 'tonight' },
    },
  };
}

async function publishAll(bus: LimitBus, subject: string, bodies: Buffer[]): Promise<void> {
  const js = bus.jsm.jetstream();
  for (let i = 0; i < bodies.length; i += 256) await Promise.all(bodies.slice(i, i + 256).map((b) => js.publish(subject, b)));
}

const rate = (n: number, t0: number) => (n / (performance.now() - t0)) * 1000;
