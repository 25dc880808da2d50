/**
 * Delivery benchmark: N events emitted through the outbox of one ledger node
 * and applied (inbox + effect + receipt, one transaction each) by another, on
 * the local NATS and PostgreSQL. Prints figures; asserts nothing.
 *   npm run bench -- [events=2000]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { UnitOfWork, jetstreamReady, provisionBus, provisionedStreams, signWithLocalOffice } from '@rujukan/messaging';
import { dropDatabase, ensureDatabase } from '@rujukan/persistence';
import { startLedgerNode } from '../test/apps/ledger/bootstrap.js';
import { NoteSent } from '../test/apps/ledger/ledger.contracts.js';
import pg from 'pg';

const N = Number(process.argv[2] ?? 2000);
const NATS = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PG = process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const id = Math.random().toString(16).slice(2, 10);
const registry = {
  network: { prefix: `bench-${id}`, stream: `BENCH_${id}`, replicas: 1, maxAgeDays: 1, maxBytes: 1024 ** 3, duplicateWindowMs: 120000 },
  consumers: { ackWaitMs: 30000, maxAckPending: 1000 },
  agencies: [
    { id: 'alpha', node: 'ledger', name: 'sender' },
    { id: 'beta', node: 'ledger', name: 'receiver' },
  ],
};

async function count(db: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: `${PG}/${db}` });
  await c.connect();
  try {
    return Number((await c.query<{ n: string | number }>(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

async function main() {
  const nc = await connect({ servers: NATS });
  const jsm = await jetstreamReady(nc);
  await provisionBus(jsm, registry);
  const dbs = { alpha: `bench_${id}_alpha`, beta: `bench_${id}_beta` };
  for (const db of Object.values(dbs)) await ensureDatabase(`${PG}/${db}`);
  // The senders' roles come from a registry file: this run's own.
  const dir = mkdtempSync(join(tmpdir(), 'bench-registry-'));
  const directory = join(dir, 'agencies.json');
  writeFileSync(directory, JSON.stringify(registry));
  const signed = signWithLocalOffice(registry.agencies, join(dir, 'ppa-office'));
  const env = (agency: 'alpha' | 'beta') => ({
    NATS_URL: NATS,
    BUS_PREFIX: registry.network.prefix,
    BUS_STREAM: registry.network.stream,
    AGENCY_ID: agency,
    NODE_ROLE: 'ledger',
    DATABASE_URL: `${PG}/${dbs[agency]}`,
    OUTBOX_POLL_MS: '50',
    OUTBOX_BATCH: '500',
    AGENCY_DIRECTORY: directory,
    AGENCY_REGISTRY: signed.path,
    AGENCY_REGISTRY_KEY: signed.keyPath,
  });
  const alpha = await startLedgerNode({ env: env('alpha'), logger: false });
  const beta = await startLedgerNode({ env: env('beta'), logger: false });
  try {
    const uow = alpha.get(UnitOfWork);
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    // Many cases: the relay publishes different cases in parallel.
    for (let i = 0; i < N; i += 50) {
      await uow.run(async (tx) => {
        for (let j = i; j < Math.min(i + 50, N); j++) {
          await tx.emit(NoteSent, { to: 'beta', caseId: randomUUID(), payload: { noteId: randomUUID(), text: `note ${j}` } });
        }
      });
    }
    const t1 = performance.now();
    while ((await count(dbs.beta, 'SELECT count(*) n FROM received_note')) < N) await new Promise((r) => setTimeout(r, 100));
    const t2 = performance.now();
    while ((await count(dbs.alpha, `SELECT count(*) n FROM messaging_outbox WHERE requires_receipt AND receipt_at IS NULL`)) > 0) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const t3 = performance.now();
    const rate = (ms: number) => Math.round((N / ms) * 1000);
    console.log(`events: ${N} (2 nodes in one process, ${registry.consumers.maxAckPending} max unacked, EVENT_CONCURRENCY default 4)`);
    console.log(`written to the outbox (50 per transaction): ${(t1 - t0).toFixed(0)} ms  (${rate(t1 - t0)}/s)`);
    console.log(`all applied at the receiver:            ${(t2 - t0).toFixed(0)} ms  (${rate(t2 - t0)}/s end to end)`);
    console.log(`all receipts back at the sender:        ${(t3 - t0).toFixed(0)} ms  (${rate(t3 - t0)}/s)`);
    console.log(`process RSS grew by ${((process.memoryUsage().rss - rss0) / 1024 / 1024).toFixed(0)} MiB`);
  } finally {
    await alpha.close();
    await beta.close();
    for (const stream of provisionedStreams(registry.network.stream)) await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
    for (const db of Object.values(dbs)) await dropDatabase(`${PG}/${db}`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
