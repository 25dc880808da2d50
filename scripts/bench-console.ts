/**
 * How long the console takes to load over a slow link (issue "A web console for the UPTD PPA, part one": load time on a
 * throttled link belongs in a benchmark, the byte budget in a test). Starts intake alone on this machine's NATS and
 * PostgreSQL (a prefix, streams and databases of this run only, removed at the end), opens its console in Debian's
 * Chromium with the link throttled by the browser (Chrome DevTools' network conditions), and prints each figure with
 * its limit measured in the same run, on the same throttled link:
 *
 *   - first visit (empty cache) until the sign-in form can be typed in, against the same number of bytes fetched as
 *     one file (what the link allows for this much code at all);
 *   - a return visit (the browser's cache kept) until the form can be typed in, against one small request (a round trip);
 *   - signing in until her case list shows, against one small request.
 *
 *   npm run bench:console                  3 rounds on each link
 *   npm run bench:console -- --rounds 5
 *
 * Writes the run as JSON under .data/bench/ and as docs/benchmarks-console.md. Asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { provisionedStreams } from '@rujukan/messaging';
import { DICTIONARY } from '@rujukan/contracts';
import type { CDPSession, Page } from 'playwright-core';
import * as prettier from 'prettier';
import { launchChromium } from './browser/chromium.js';
import { spread, type Spread } from './bench/stats.js';
import { freeFixedPort } from './network/ports.js';
import { Network } from './network/start-network.js';

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = flag('rounds', 3);
const NATS = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PG = process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DOCS = 'docs/benchmarks-console.md';
const ID = DICTIONARY.id.console;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field by its label, marked required or not. */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${escape(label)}( \\(${escape(ID.required)}\\))?$`));

/** Links an outreach worker or a village Puskesmas meets; kbit/s down and up, round trip in ms. */
const LINKS = [
  { name: 'edge of coverage (EDGE)', downKbit: 240, upKbit: 200, rttMs: 800 },
  { name: 'rural 3G', downKbit: 1600, upKbit: 750, rttMs: 300 },
  { name: 'busy 4G', downKbit: 9000, upKbit: 3000, rttMs: 170 },
] as const;
interface Link {
  name: string;
  downKbit: number;
  upKbit: number;
  rttMs: number;
}

interface Row {
  link: string;
  figure: string;
  ms: Spread;
  limit: { name: string; ms: Spread };
}

async function throttle(page: Page, link: Link, cache: boolean): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: !cache });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: link.rttMs,
    downloadThroughput: (link.downKbit * 1000) / 8,
    uploadThroughput: (link.upKbit * 1000) / 8,
  });
  return cdp;
}

/** Milliseconds `work` takes. */
async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

/** A plain server on loopback: `/blob` answers `bytes` bytes of random text (sent uncompressed), `/one` one byte; no cache. */
async function limitServer(bytes: number): Promise<{ url: string; server: Server }> {
  const blob = Buffer.from(randomBytes(bytes).toString('base64').slice(0, bytes));
  const server = createServer((req, res) => {
    const body = req.url === '/blob' ? blob : Buffer.from('1');
    res.writeHead(200, {
      'content-type': 'text/plain',
      'x-content-type-options': 'nosniff',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  const port = await freeFixedPort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, server };
}

async function main(): Promise<void> {
  const run = randomBytes(4).toString('hex');
  const started = new Date();
  const keysDir = mkdtempSync(join(tmpdir(), 'rujukan-bench-console-'));
  const network = await Network.start({
    registryPath: 'bus/agencies.json',
    natsUrl: NATS,
    databaseServerUrl: PG,
    databasePrefix: `benchc_${run}`,
    busPrefix: `benchc-${run}`,
    busStream: `BENCHC_${run}`,
    // JetStream reserves each stream's limit on the shared server's disk up front; this run sends almost nothing.
    maxBytes: 64 * 1024 ** 2,
    addressedMaxBytes: 16 * 1024 ** 2,
    keysDir,
    statisticsKey: randomBytes(32).toString('hex'),
    ports: { intake: await freeFixedPort() },
    roles: ['intake'],
    env: { LOG_LEVEL: 'warn' },
  });
  const browser = await launchChromium();
  let limits: Awaited<ReturnType<typeof limitServer>> | undefined;
  try {
    const intake = network.nodes.get('intake')!.url;
    const [, worker] = await network.createStaff('intake', [{ username: 'worker', role: 'case-worker' }]);
    const page = await browser.context.newPage();

    // The bytes of a first visit, as the browser received them (compressed): the page, its script and its style.
    let firstVisitBytes = 0;
    const cdp0 = await throttle(page, { name: 'none', downKbit: 1_000_000, upKbit: 1_000_000, rttMs: 0 }, false);
    cdp0.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      firstVisitBytes += e.encodedDataLength;
    });
    await page.goto(`${intake}/`);
    await field(page, ID.username).waitFor();
    await cdp0.detach();
    limits = await limitServer(firstVisitBytes);

    const rows: Row[] = [];
    for (const link of LINKS) {
      const samples = { cold: [] as number[], warm: [] as number[], signIn: [] as number[], blob: [] as number[], trip: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        // Interleaved, so a moment of load on the machine falls on figure and limit alike.
        const cold = await browser.context.newPage();
        const coldCdp = await throttle(cold, link, false);
        await coldCdp.send('Network.clearBrowserCache');
        samples.cold.push(
          await timed(async () => {
            await cold.goto(`${intake}/`, { waitUntil: 'commit' });
            await field(cold, ID.username).waitFor();
          }),
        );
        samples.blob.push(await timed(() => cold.goto(`${limits!.url}/blob`)));
        await cold.close();

        const warm = await browser.context.newPage();
        await throttle(warm, link, true);
        await warm.goto(`${intake}/`);
        await field(warm, ID.username).waitFor();
        samples.warm.push(
          await timed(async () => {
            await warm.reload({ waitUntil: 'commit' });
            await field(warm, ID.username).waitFor();
          }),
        );
        // The console's content policy lets it reach its node only: the round trip is timed in a page of its own.
        const trip = await browser.context.newPage();
        await throttle(trip, link, false);
        samples.trip.push(await timed(() => trip.goto(`${limits!.url}/one`)));
        await trip.close();
        await field(warm, ID.username).fill(worker.username);
        await field(warm, ID.password).fill(worker.password);
        samples.signIn.push(
          await timed(async () => {
            await warm.getByRole('button', { name: ID.signIn, exact: true }).click();
            await warm.locator('#needs-me-title').waitFor();
          }),
        );
        await warm.close();
      }
      const blob = { name: `${(firstVisitBytes / 1024).toFixed(1)} KiB as one file`, ms: spread(samples.blob) };
      const trip = { name: 'one small request', ms: spread(samples.trip) };
      rows.push(
        { link: link.name, figure: 'first visit until the sign-in form takes input', ms: spread(samples.cold), limit: blob },
        { link: link.name, figure: 'return visit until the sign-in form takes input', ms: spread(samples.warm), limit: trip },
        { link: link.name, figure: 'sign-in until her case list shows', ms: spread(samples.signIn), limit: trip },
      );
      process.stdout.write(`${link.name}: done\n`);
    }
    const report = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 1024 ** 3), node: process.version },
      command: `npm run bench:console -- --rounds ${ROUNDS}`,
      firstVisitBytes,
      links: LINKS,
      rows,
    };
    mkdirSync('.data/bench', { recursive: true });
    const jsonPath = join('.data/bench', `bench-console-${started.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    const md = markdown(report);
    writeFileSync(DOCS, await prettier.format(md, { ...(await prettier.resolveConfig(DOCS)), filepath: DOCS }));
    process.stdout.write(`\n${table(rows)}\n\nwrote ${jsonPath} and ${DOCS}\n`);
  } finally {
    await browser.close();
    limits?.server.close();
    await network.stop().catch(() => undefined);
    await network.dropDatabases().catch(() => undefined);
    const nc = await connect({ servers: NATS });
    const jsm = await jetstreamManager(nc);
    for (const stream of provisionedStreams(network.registry)) await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
    rmSync(keysDir, { recursive: true, force: true });
  }
}

const ms = (s: Spread) => `${Math.round(s.median)} ms (${Math.round(s.min)}-${Math.round(s.max)})`;
/** The figure's share of what the link allows: 1.0 means it loads as fast as the link can carry its bytes. */
const ratio = (r: Row) => (r.limit.ms.median / r.ms.median).toFixed(2);

function table(rows: Row[]): string {
  const head = '| link | figure | median (min-max) | limit in the same run | limit | ratio |\n|---|---|---|---|---|---|';
  return [head, ...rows.map((r) => `| ${r.link} | ${r.figure} | ${ms(r.ms)} | ${r.limit.name} | ${ms(r.limit.ms)} | ${ratio(r)} |`)].join(
    '\n',
  );
}

function markdown(report: {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpu?: string; memoryGiB: number; node: string };
  command: string;
  firstVisitBytes: number;
  rows: Row[];
}): string {
  const minutes = ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 60000).toFixed(1);
  return `# The console over a slow link

Written by \`${report.command}\` (scripts/bench-console.ts) on ${report.startedAt.slice(0, 10)}, in ${minutes} minutes, on
${report.machine.cpus} cores (${report.machine.cpu ?? 'unknown'}), ${report.machine.memoryGiB} GiB, Node ${report.machine.node}.
Intake's console in Debian's Chromium, the link throttled by the browser; each figure is the median of its rounds
(min-max), paired with a limit measured on the same link in the same rounds. The ratio is limit / figure: 1.00 would be
as fast as the link carries the bytes. A first visit moves ${(report.firstVisitBytes / 1024).toFixed(1)} KiB (compressed).

Links: ${LINKS.map((l) => `${l.name} ${l.downKbit} kbit/s down, ${l.upKbit} up, ${l.rttMs} ms round trip`).join('; ')}.

${table(report.rows)}
`;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
