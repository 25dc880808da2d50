/**
 * The network's benchmark: the limits this machine allows (scripts/bench/limits.ts) and the project's figures, in one
 * run, interleaved and repeated; each figure printed as min / median / max with its ratio to its limit. Writes the
 * run as JSON under .data/bench/ and as docs/benchmarks.md. Asserts nothing: speed lives here, never in the tests.
 *
 *   npm run bench                  the default sizes (docs/benchmarks.md says how long its run took)
 *   npm run bench -- --scale 10    every count ten times larger
 *   npm run bench -- --rounds 5    each repeated figure five times (default 3)
 *   --json-dir DIR, --docs FILE    where the run's JSON and Markdown go (default .data/bench/, docs/benchmarks.md)
 *
 * Runs on the machine's NATS (NATS_URL) and PostgreSQL (DATABASE_SERVER_URL) under a prefix, streams and databases
 * of this run only, and removes them all at the end.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { jetstreamReady, loadRegistry, provisionBus, provisionedStreams, type BusRegistry } from '@rujukan/messaging';
import { dropDatabase, ensureDatabase } from '@rujukan/persistence';
import pg from 'pg';
import * as prettier from 'prettier';
import { LedgerPair } from './bench/delivery.js';
import { idealHop, rawConsume, rawPublish, singleRowTransactions, type LimitBus } from './bench/limits.js';
import { BenchNetwork, type CaseRef } from './bench/network-figures.js';
import { percentile, shown, spread, type Spread } from './bench/stats.js';

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const text = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const SCALE = flag('scale', 1);
/** Where the run goes: its JSON (a folder) and its Markdown page. */
const JSON_DIR = text('json-dir', '.data/bench');
const DOCS = text('docs', 'docs/benchmarks.md');
const ROUNDS = flag('rounds', 3);
const NATS = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PG = process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const size = (n: number) => Math.max(1, Math.round(n * SCALE));
/**
 * Each stream's byte limit. JetStream reserves it on the server's disk up front, on the machine's shared server
 * (the tests run this beside others): 256 MiB at the default scale, growing with it up to 4 GiB.
 */
const STREAM_BYTES = Math.min(4 * 1024 ** 3, Math.round(256 * 1024 ** 2 * Math.max(1, SCALE)));
const SIZES = {
  /** Per round: events for the limits and the ledger's delivery. */
  events: size(2000),
  /** Per round: referrals end to end (their cases registered first, untimed). */
  referrals: size(200),
  /** Registrations timed on an empty register and after the import. */
  registrations: size(100),
  /** Seconds each latency rate is held. */
  latencySeconds: 10 * SCALE,
  backlog: size(1000),
  importRows: size(2000),
};
const RATES = [5, 20, 50];

interface Row {
  figure: string;
  unit: string;
  value: Spread;
  limit?: { name: string; value: Spread };
  target?: string;
}

async function main(): Promise<void> {
  const run = randomBytes(4).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'rujukan-bench-'));
  const nc = await connect({ servers: NATS });
  const jsm = await jetstreamReady(nc);
  const limitStream = `BENCHL_${run}`;
  const limitDb = `${PG}/bench_${run}_limits`;
  const ledgerRegistry: BusRegistry = {
    network: {
      prefix: `bench-d-${run}`,
      stream: `BENCHD_${run}`,
      replicas: 1,
      maxAgeDays: 1,
      maxBytes: STREAM_BYTES,
      duplicateWindowMs: 120000,
    },
    consumers: { ackWaitMs: 30000, maxAckPending: 1000 },
    agencies: [
      { id: 'alpha', node: 'ledger', name: 'sender' },
      { id: 'beta', node: 'ledger', name: 'receiver' },
    ],
  };
  let bench: BenchNetwork | undefined;
  let ledger: LedgerPair | undefined;
  const rows: Row[] = [];
  const started = new Date();
  try {
    await jsm.streams.add({ name: limitStream, subjects: [`bench-l-${run}.>`], max_bytes: STREAM_BYTES, max_age: 86_400 * 1e9 });
    await ensureDatabase(limitDb);
    const bus: LimitBus = { jsm, stream: limitStream, prefix: `bench-l-${run}`, databaseUrl: limitDb };
    await provisionBus(jsm, ledgerRegistry);
    ledger = await LedgerPair.start(ledgerRegistry, NATS, PG, `bench_${run}_ledger`);
    say('starting intake, shelter and reporting (sealed and signed, production waits)');
    bench = await BenchNetwork.start({ natsUrl: NATS, databaseServerUrl: PG, run, keysDir: join(dir, 'keys'), streamBytes: STREAM_BYTES });
    await new Promise((r) => setTimeout(r, 5000));
    const idle = bench.residentMiB();

    say(`POST /cases on an empty register: ${SIZES.registrations}`);
    const empty = await bench.register(SIZES.registrations);

    const series: Record<string, number[]> = {};
    const add = (name: string, value: number) => (series[name] ??= []).push(value);
    const peak: Record<string, number> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      say(`round ${round} of ${ROUNDS}`);
      add('publish', await rawPublish(bus, SIZES.events));
      add('consume', await rawConsume(bus, SIZES.events));
      add('transactions', await singleRowTransactions(bus, SIZES.events));
      add('hop', await idealHop(bus, SIZES.events, { batch: 1, protect: false }));
      add('delivery', await ledger.deliver(SIZES.events));
      add('hopProtected', await idealHop(bus, SIZES.events, { batch: 1, protect: true }));
      const { cases } = await bench.register(SIZES.referrals);
      const sampler = sampleMemory(bench, peak);
      add('referrals', await bench.referAll(cases));
      clearInterval(sampler);
      add('hopBatch', await idealHop(bus, SIZES.events, { batch: 100, protect: true }));
    }

    const latency: Record<number, { p50: number; p95: number; p99: number; sent: number }> = {};
    for (const perSecond of RATES) {
      const n = Math.round(perSecond * SIZES.latencySeconds);
      say(`latency at ${perSecond} referrals a second (${n})`);
      const { cases } = await bench.register(n);
      latency[perSecond] = await bench.latencyAt(perSecond, cases);
    }

    say(`backlog of ${SIZES.backlog} referrals while the shelter is down`);
    const backlogCases: CaseRef[] = (await bench.register(SIZES.backlog)).cases;
    const backlog = await bench.backlog(backlogCases);
    const backlogLimit = await idealHop(bus, SIZES.backlog, { batch: 100, protect: true });

    const rebuilds: number[] = [];
    let rebuiltEvents = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      say(`projections rebuild ${round} of ${ROUNDS}`);
      const rebuilt = await bench.rebuild();
      rebuilds.push(rebuilt.rate);
      rebuiltEvents = rebuilt.events;
      add('consumeForRebuild', await rawConsume(bus, Math.max(rebuiltEvents, 100)));
    }

    say(`import of a ${SIZES.importRows}-row register`);
    const imported = await bench.importRegister(SIZES.importRows, dir);
    const onFile = await victimsOnFile(bench);
    say(`POST /cases with ${onFile} victims on file: ${SIZES.registrations}`);
    const full = await bench.register(SIZES.registrations);

    const s = (name: string) => spread(series[name]);
    rows.push(
      {
        figure: 'delivery (ledger nodes, unsealed)',
        unit: 'events/s',
        value: s('delivery'),
        limit: { name: 'ideal hop', value: s('hop') },
        target: '>= 0.7',
      },
      {
        figure: "referrals end to end (intake's POST until the shelter holds them)",
        unit: 'referrals/s',
        value: s('referrals'),
        limit: { name: 'ideal hop, sealed and signed', value: s('hopProtected') },
        target: '>= 0.5',
      },
      {
        figure: `backlog of ${SIZES.backlog} drained after the shelter starts`,
        unit: 'events/s',
        value: spread([backlog]),
        limit: { name: 'ideal hop per batch of 100, sealed and signed', value: spread([backlogLimit]) },
        target: '>= 0.5',
      },
      {
        figure: `projections rebuild (${rebuiltEvents} events)`,
        unit: 'events/s',
        value: spread(rebuilds),
        limit: { name: 'JetStream consume + ack', value: s('consumeForRebuild') },
        target: '>= 20,000 events/s',
      },
      {
        figure: 'POST /cases, empty register',
        unit: 'cases/s',
        value: spread([empty.rate]),
      },
      {
        figure: `POST /cases, ${onFile} victims on file`,
        unit: 'cases/s',
        value: spread([full.rate]),
        limit: { name: 'POST /cases on an empty register', value: spread([empty.rate]) },
        target: '>= 0.8',
      },
      {
        figure: `import of a ${SIZES.importRows}-row register`,
        unit: 'rows/s',
        value: spread([imported]),
        target: '10,000 rows in under a minute (>= 167 rows/s)',
      },
    );
    const limits: Row[] = [
      { figure: 'JetStream publish (1 KiB, 256 in flight)', unit: 'msgs/s', value: s('publish') },
      { figure: 'JetStream consume + ack', unit: 'msgs/s', value: s('consume') },
      { figure: 'PostgreSQL single-row transactions (4 connections)', unit: 'tx/s', value: s('transactions') },
      { figure: 'ideal hop per message', unit: 'events/s', value: s('hop') },
      { figure: 'ideal hop per message, sealed and signed', unit: 'events/s', value: s('hopProtected') },
      { figure: 'ideal hop per batch of 100, sealed and signed', unit: 'events/s', value: s('hopBatch') },
    ];
    const report = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 1024 ** 3), node: process.version },
      command: `npm run bench -- --scale ${SCALE} --rounds ${ROUNDS}`,
      sizes: SIZES,
      limits,
      figures: rows,
      latency,
      registration: {
        empty: { p50: percentile(empty.latencies, 50), p99: percentile(empty.latencies, 99) },
        full: { onFile, p50: percentile(full.latencies, 50), p99: percentile(full.latencies, 99) },
      },
      residentMiB: { idle, peakDuringReferrals: peak },
    };
    mkdirSync(JSON_DIR, { recursive: true });
    const jsonPath = join(JSON_DIR, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    // Formatted as the repository's gate formats every Markdown file.
    writeFileSync(
      DOCS,
      await prettier.format(markdown(report), { ...(await prettier.resolveConfig('docs/benchmarks.md')), filepath: DOCS }),
    );
    process.stdout.write(`\n${table(limits, rows)}\n\nwrote ${jsonPath} and ${DOCS}\n`);
  } finally {
    await bench?.stop().catch(() => undefined);
    // The nodes' databases and the network's two roles (the node's, the migrations' owner).
    await bench?.network.dropDatabases().catch(() => undefined);
    await ledger?.close().catch(() => undefined);
    const jsm2 = await jetstreamManager(nc);
    const benchRegistry = loadRegistry('bus/agencies.json');
    benchRegistry.network.stream = `BENCH_${run}`;
    for (const stream of [limitStream, ...provisionedStreams(ledgerRegistry), ...provisionedStreams(benchRegistry)]) {
      await jsm2.streams.delete(stream).catch(() => undefined);
    }
    await nc.close();
    const server = new pg.Client({ connectionString: `${PG}/postgres` });
    await server.connect();
    const dbs = (await server.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`bench_${run}_%`])).rows;
    await server.end();
    for (const { datname } of dbs) await dropDatabase(`${PG}/${datname}`);
    rmSync(dir, { recursive: true, force: true });
  }
}

function say(text: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
}

/** Keeps each node's highest resident memory while the referrals run. */
function sampleMemory(bench: BenchNetwork, peak: Record<string, number>): NodeJS.Timeout {
  return setInterval(() => {
    for (const [name, mib] of Object.entries(bench.residentMiB())) peak[name] = Math.max(peak[name] ?? 0, mib);
  }, 200);
}

async function victimsOnFile(bench: BenchNetwork): Promise<number> {
  const client = new pg.Client({ connectionString: `${PG}/${bench.network.nodes.get('intake')!.database}` });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT count(*) n FROM victim')).rows[0].n);
  } finally {
    await client.end();
  }
}

function table(limits: Row[], figures: Row[]): string {
  const line = (r: Row) => {
    const v = `${shown(r.value.min)} / ${shown(r.value.median)} / ${shown(r.value.max)}`;
    const ratio = r.limit ? (r.value.median / r.limit.value.median).toFixed(2) : '';
    return `| ${r.figure} | ${r.unit} | ${v} | ${r.limit ? `${r.limit.name}: ${shown(r.limit.value.median)}` : ''} | ${ratio} | ${r.target ?? ''} |`;
  };
  return [
    '| limit | unit | min / median / max | | | |',
    '| --- | --- | --- | --- | --- | --- |',
    ...limits.map(line),
    '',
    '| figure | unit | min / median / max | limit (median) | ratio | target |',
    '| --- | --- | --- | --- | --- | --- |',
    ...figures.map(line),
  ].join('\n');
}

interface Report {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpu?: string; memoryGiB: number; node: string };
  command: string;
  sizes: typeof SIZES;
  limits: Row[];
  figures: Row[];
  latency: Record<number, { p50: number; p95: number; p99: number; sent: number }>;
  registration: { empty: { p50: number; p99: number }; full: { onFile: number; p50: number; p99: number } };
  residentMiB: { idle: Record<string, number>; peakDuringReferrals: Record<string, number> };
}

function markdown(r: Report): string {
  const ms = (x: number) => `${shown(x)} ms`;
  return `# Benchmarks

What \`npm run bench\` printed in its last committed run: the limits this machine allows and the project's figures,
measured in the same run, interleaved and repeated (min / median / max of ${ROUNDS} rounds where a figure is
repeated; one run otherwise). Ratios are the figure's median over its limit's median. The targets are issue 30's.
Re-run it on your machine; the figures are only comparable within one run.

- run: ${r.startedAt}, \`${r.command}\`, ${Math.round((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 60000)} minutes
- machine: ${r.machine.cpus} cores (${r.machine.cpu ?? 'unknown'}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}; NATS and
  PostgreSQL on the same machine, the nodes as their own processes beside the benchmark
- sizes: ${Object.entries(r.sizes)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}

## Limits

${table(r.limits, []).split('\n\n')[0]}

## Figures

${table([], r.figures).split('\n\n')[1]}

## Latency: intake asked until the shelter's row is written

| referrals a second | sent | p50 | p95 | p99 | target |
| --- | --- | --- | --- | --- | --- |
${Object.entries(r.latency)
  .map(([rate, l]) => `| ${rate} | ${l.sent} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${rate === '50' ? 'p99 < 100 ms' : ''} |`)
  .join('\n')}

## Registration latency (POST /cases, ${8} clients)

| register | p50 | p99 | target |
| --- | --- | --- | --- |
| empty | ${ms(r.registration.empty.p50)} | ${ms(r.registration.empty.p99)} | |
| ${r.registration.full.onFile} victims on file | ${ms(r.registration.full.p50)} | ${ms(r.registration.full.p99)} | p99 < 200 ms at 10/s |

## Resident memory per node (MiB)

| node | idle | peak during the referrals |
| --- | --- | --- |
${Object.keys(r.residentMiB.idle)
  .map((n) => `| ${n} | ${shown(r.residentMiB.idle[n])} | ${shown(r.residentMiB.peakDuringReferrals[n] ?? NaN)} |`)
  .join('\n')}
`;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
