/**
 * The chaos run (docs/reliability.md): the network on its own secured bus
 * (one nats-server, or three clustered with R3 streams) while referrals go
 * through intake and every service node (shelter, health, legal aid,
 * rehabilitation, reintegration) and faults are injected on a
 * schedule drawn from the seed; then every database is checked.
 *   npm run chaos -- [--referrals 200] [--seed 1] [--cluster] [--workers 6] [--minutes M] [--stall-bound 20] [--json FILE] [--keep]
 * Exit code 0 only when nothing was lost, applied twice or left stuck, every
 * side agrees, every outbox drained, reporting matches intake, no dead letter
 * but the deliberate ones, every kind of fault fired, and (cluster) every node
 * resumed deliveries within the stall bound after the stream leader was killed.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRegistry } from '@rujukan/messaging';
import { dropDatabase } from '@rujukan/persistence';
import { audit, passed, type Audit } from './chaos/audit.js';
import { ChaosBus } from './chaos/bus.js';
import { Databases } from './chaos/databases.js';
import { dropNetworkRoles } from './network/database-roles.js';
import { Driver, DRIVEN_NODES, planReferrals, sleep } from './chaos/driver.js';
import { CLUSTER_FAULT_KINDS, FAULT_KINDS, FaultSchedule, type FaultKind } from './chaos/faults.js';
import { Random } from './chaos/random.js';
import { databaseName, type NodeRole } from './network/nodes.js';
import { freeFixedPort } from './network/ports.js';
import { Network } from './network/start-network.js';
import { TcpProxy } from './network/tcp-proxy.js';

const PG = (process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
/** How far the referrals may run ahead of a fault that is due. */
const AHEAD = 10;

interface Options {
  referrals: number;
  seed: number;
  cluster: boolean;
  workers: number;
  minutes: number;
  stallBound: number;
  json?: string;
  keep: boolean;
}

function options(argv: string[]): Options {
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const whole = (name: string, fallback: number) => {
    const raw = flag(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number (got ${raw})`);
    return n;
  };
  const referrals = whole('referrals', 200);
  return {
    referrals,
    seed: whole('seed', 1),
    cluster: argv.includes('--cluster'),
    workers: whole('workers', 6),
    // Bounded: the drive stops by this time, whatever is left (and then counts as stuck).
    minutes: whole('minutes', Math.ceil(8 + referrals / 40)),
    // Measured: 4.8-16.7 s in 9 cluster runs (docs/reliability.md).
    stallBound: whole('stall-bound', 20),
    json: flag('json'),
    keep: argv.includes('--keep'),
  };
}

async function main(argv: string[]): Promise<number> {
  const opts = options(argv);
  const started = Date.now();
  const deadline = started + opts.minutes * 60_000;
  const id = randomBytes(3).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'rujukan-chaos-'));
  const logFile = createWriteStream(join(dir, 'run.log'));
  const say = (line: string) => {
    const stamped = `${new Date().toISOString()} ${line}`;
    console.log(stamped);
    logFile.write(`${stamped}\n`);
  };
  const random = new Random(opts.seed);
  const kinds: readonly FaultKind[] = opts.cluster ? CLUSTER_FAULT_KINDS : FAULT_KINDS;

  const registry = loadRegistry('bus/agencies.json');
  registry.network.prefix = `chaos-${id}`;
  registry.network.stream = `CHAOS_${id}`;
  registry.network.replicas = opts.cluster ? 3 : 1;
  const registryPath = join(dir, 'agencies.json');
  writeFileSync(registryPath, JSON.stringify(registry, null, 2));
  const ackWaitMs = registry.consumers.ackWaitMs;

  say(
    `chaos run: ${opts.referrals} referrals, seed ${opts.seed}, ${opts.cluster ? 'three clustered servers, R3 stream' : 'one server'}, ` +
      `${opts.workers} workers, at most ${opts.minutes} min; ack wait ${ackWaitMs} ms (production); files in ${dir}`,
  );
  const roles = DRIVEN_NODES as readonly NodeRole[];
  const proxies = new Map<string, TcpProxy>();
  const databases = new Map<string, string>();
  let bus: ChaosBus | undefined;
  let network: Network | undefined;
  let db: Databases | undefined;
  const cleanup = async () => {
    await network?.stop();
    await bus?.stop();
    for (const p of proxies.values()) await p.down();
    await db?.close();
    if (!opts.keep) {
      for (const d of databases.values()) await dropDatabase(`${PG}/${d}`).catch(() => undefined);
      await dropNetworkRoles(PG, `chaos_${id}`).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once('SIGINT', () => {
    say('interrupted: stopping the run');
    void cleanup().finally(() => process.exit(130));
  });
  try {
    bus = await ChaosBus.start(join(dir, 'bus'), registry, opts.cluster);
    const prefix = `chaos_${id}`;
    const ports: Record<string, number> = {};
    const databasePorts: Record<string, number> = {};
    for (const name of roles) {
      // Each node reaches its database through a proxy of its own, which the run can cut.
      const proxy = await TcpProxy.start(Number(new URL(PG).port || 5432));
      proxies.set(name, proxy);
      databases.set(name, databaseName(prefix, name));
      ports[name] = await freeFixedPort();
      databasePorts[name] = proxy.port;
    }
    const nodeLog = createWriteStream(join(dir, 'nodes.log'));
    network = await Network.start({
      registryPath,
      natsUrl: bus.url,
      busCredentialsDir: join(dir, 'bus'),
      databaseServerUrl: PG,
      databasePrefix: prefix,
      databasePorts,
      statisticsKey: randomBytes(32).toString('hex'),
      // JetStream reserves each stream's limit on disk up front (three times on the cluster): sized to the run,
      // 64 KiB of room per referral in every stream (a referral's events, re-sends and receipts take a few KiB).
      maxBytes: Math.max(64, Math.ceil(opts.referrals / 16)) * 1024 * 1024,
      addressedMaxBytes: Math.max(64, Math.ceil(opts.referrals / 16)) * 1024 * 1024,
      ports,
      roles,
      env: {
        RETRY_BASE_MS: '200',
        RETRY_MAX_MS: '2000',
        OUTBOX_POLL_MS: '200',
        BROADCAST_INTERVAL_MS: '200',
        DB_HEALTH_POLL_MS: '500',
        NATS_RECONNECT_WAIT_MS: '250',
        RECEIPT_TIMEOUT_MS: '15000',
        // Time is compressed here: the re-sends' back-off stops at a minute rather than 6 h.
        RECEIPT_RESEND_MAX_MS: '60000',
        IDEMPOTENCY_CLAIM_SECONDS: '3',
        // One account registers every case of the run (the per-person limit on register look-ups is 30 in 10 minutes).
        REGISTER_LOOKUPS: '100000000',
        AUTH_TOKEN_TTL_SECONDS: '3600',
        LOG_LEVEL: 'log',
      },
      onLine: (name, line) => nodeLog.write(`${new Date().toISOString()} ${name} ${line}\n`),
    });
    db = new Databases(PG, databases);
    const nodeOfAgency = new Map([...network.nodes.values()].map((n) => [n.agency, n.name]));

    const driver = new Driver(network, deadline, say);
    await driver.signIn();
    const plans = planReferrals(opts.referrals, random);
    const schedule = new FaultSchedule(
      {
        network,
        bus,
        proxies,
        databases: db,
        random,
        stream: registry.network.stream,
        prefix: registry.network.prefix,
        ackWaitMs,
        log: say,
      },
      kinds,
      opts.referrals,
    );
    say(`faults planned: ${schedule.planned.map((t) => `${t.kind}@${t.after}`).join(', ')}`);
    let driving = true;
    const progress = setInterval(() => say(`progress: ${driver.created}/${opts.referrals} referrals made`), 15000);
    // Once the drive is done, the faults still due run at once: the referrals made are their traffic.
    const faults = schedule.run(
      () => (driving ? driver.created : Infinity),
      () => Date.now() > deadline,
    );
    await driver.run(plans, opts.workers, async (index) => {
      // The drive keeps close behind the schedule, so every fault meets traffic.
      while (index >= schedule.nextDue + AHEAD && Date.now() < deadline) await sleep(100);
    });
    driving = false;
    await faults;
    clearInterval(progress);
    say(
      `drive done in ${Math.round((Date.now() - started) / 1000)} s (${driver.created} of ${opts.referrals} referrals made); waiting for the network to settle`,
    );

    // Settle: until every outbox drained and reporting caught up with intake, bounded.
    const settleUntil = Date.now() + 180_000;
    let result: Audit;
    for (;;) {
      result = await audit(db, plans, nodeOfAgency, schedule.records, kinds, opts.stallBound);
      const settled = !result.undrained.length && !result.reportingVersusIntake.length && !result.disagree.length && !result.lost.length;
      if (settled || Date.now() > settleUntil) break;
      await sleep(2000);
    }
    const elapsed = Math.round((Date.now() - started) / 1000);
    report(result, say, { ...opts, elapsedSeconds: elapsed });
    if (opts.json)
      writeFileSync(
        opts.json,
        JSON.stringify({ options: opts, elapsedSeconds: elapsed, audit: result, faults: schedule.records }, null, 2),
      );
    return passed(result) ? 0 : 1;
  } finally {
    await cleanup();
  }
}

function report(a: Audit, say: (line: string) => void, run: Options & { elapsedSeconds: number }): void {
  const line = (name: string, items: string[]) => {
    say(`${name.padEnd(38)} ${items.length}`);
    for (const i of items.slice(0, 10)) say(`    ${i}`);
    if (items.length > 10) say(`    ... and ${items.length - 10} more`);
  };
  say(
    `--- chaos run: ${a.referrals} referrals, seed ${run.seed}, ${run.cluster ? 'cluster of 3' : 'one server'}, ${run.elapsedSeconds} s ---`,
  );
  line('lost', a.lost);
  line('applied twice', a.appliedTwice);
  line('stuck', a.stuck);
  line('states that disagree (sender/receiver)', a.disagree);
  line('outboxes undrained', a.undrained);
  line('reporting against intake (differences)', a.reportingVersusIntake);
  line('dead letters (not deliberate)', a.deadLetters);
  say(`${'deliberate dead letters'.padEnd(38)} ${a.deliberateDeadLetters}`);
  say(`${'redeliveries absorbed by inboxes'.padEnd(38)} ${a.duplicatesAbsorbed}`);
  for (const [kind, n] of Object.entries(a.faults)) say(`fault fired: ${kind.padEnd(50)} ${n}`);
  for (const s of a.stalls) {
    say(
      `stream leader killed ${s.killedAt}: deliveries resumed after ${Object.entries(s.resumeSeconds)
        .map(([n, t]) => `${n} ${t === null ? '-' : `${t} s`}`)
        .join(', ')}`,
    );
  }
  line(`stalls over the bound (${run.stallBound} s)`, a.stallsOverBound);
  say(passed(a) ? 'PASSED: nothing lost, nothing applied twice, nothing stuck; every fault fired' : 'FAILED');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
