/**
 * npm start: the whole network on this machine. Uses the local PostgreSQL
 * when it runs, else an embedded one under .data/; runs its own secured bus
 * (per-agency credentials, TLS) under .data/bus unless NATS_URL names a bus.
 * Ctrl-C stops everything.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRegistry, signWithLocalOffice, type AgencyPublicKeys } from '@rujukan/messaging';
import { ensureNats, ensurePostgres, ensureSecureBus, type Service } from './network/services.js';
import { Network, networkPublicKeys, nodeNames } from './network/start-network.js';

const COLORS = [36, 32, 33, 35, 34, 96, 92];
const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const services: Service[] = [];
let network: Network | undefined;

async function main(): Promise<void> {
  const pgServer = await ensurePostgres(process.env, dataDir);
  services.push(pgServer);
  // Secure by default: a bus of its own with per-agency credentials and TLS, unless NATS_URL names one.
  const registryPath = withTrialAgencies(process.env.BUS_REGISTRY ?? 'bus/agencies.json');
  const registry = loadRegistry(registryPath);
  if (process.env.BUS_PREFIX) registry.network.prefix = process.env.BUS_PREFIX;
  if (process.env.BUS_STREAM) registry.network.stream = process.env.BUS_STREAM;
  const secured = process.env.NATS_URL?.trim() ? undefined : await ensureSecureBus(process.env, dataDir, registry);
  const bus = secured ?? (await ensureNats(process.env, dataDir));
  services.push(bus);
  for (const s of services) if (s.started) console.log(`started ${s.started}`);
  const names: string[] = [];
  // Intake's pseudonym key must outlive restarts: kept beside the data, made once.
  const keyFile = join(dataDir, 'statistics-id.key');
  if (!process.env.STATISTICS_ID_KEY && !existsSync(keyFile)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  const statisticsKey = process.env.STATISTICS_ID_KEY ?? readFileSync(keyFile, 'utf8').trim();
  const keysDir = join(dataDir, 'node-keys');
  const signed = ensureSignedRegistry(registryPath, networkPublicKeys({ keysDir }, registry));
  network = await Network.start({
    registryPath,
    signedRegistry: signed,
    keysDir,
    // Readable lines for a person at the terminal; LOG_FORMAT=json gives what a collector reads.
    // Broadcasts leave every 5 s here (an hour by default in the field), so the demo sees reporting's counts.
    env: { LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty', BROADCAST_INTERVAL_MS: process.env.BROADCAST_INTERVAL_MS ?? '5000' },
    natsUrl: bus.url,
    busCredentialsDir: secured?.credentialsDir ?? (process.env.BUS_CREDENTIALS_DIR?.trim() || undefined),
    databaseServerUrl: pgServer.url,
    databasePrefix: process.env.DATABASE_PREFIX ?? 'rujukan',
    busPrefix: process.env.BUS_PREFIX,
    busStream: process.env.BUS_STREAM,
    // The agencies added for the trial on their own ports; the rest on their defaults.
    ports: trialPorts(registry),
    statisticsKey,
    // Its own bus on this machine's disk: JetStream reserves each stream's byte limit up front, and the registry's
    // production sizes (10 GiB of broadcasts, 2 GiB for each agency) would need over 30 GiB free. A bus NATS_URL names
    // keeps the sizes its registry gives.
    ...(secured ? trialStreamBytes(process.env) : {}),
    onLine: (name, line) => {
      if (!names.includes(name)) names.push(name);
      const color = COLORS[names.indexOf(name) % COLORS.length];
      // Colour only for a terminal: never escape codes into a file or a pipe.
      const label = colour ? `\x1b[${color}m${name.padEnd(14)}\x1b[0m` : name.padEnd(14);
      process.stdout.write(`${label}| ${line}\n`);
    },
  });
  await demoAccounts(network);
  console.log('\nThe network is up. Each node serves its API on loopback:');
  for (const n of network.nodes.values()) console.log(`  ${n.name.padEnd(14)} ${n.url}   (agency ${n.agency}, database ${n.database})`);
  console.log('\nTry: npm run demo        Stop: Ctrl-C\n');
}

/** npm start's own bus: 1 GiB of broadcasts and 256 MiB per agency, unless BUS_MAX_BYTES / BUS_ADDRESSED_MAX_BYTES say. */
function trialStreamBytes(env: NodeJS.ProcessEnv): { maxBytes: number; addressedMaxBytes: number } {
  const bytes = (name: string, fallback: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 1024 * 1024) throw new Error(`${name} must be a whole number of bytes, at least 1048576`);
    return n;
  };
  return { maxBytes: bytes('BUS_MAX_BYTES', 1024 ** 3), addressedMaxBytes: bytes('BUS_ADDRESSED_MAX_BYTES', 256 * 1024 ** 2) };
}

/**
 * Agencies the trial adds beside the registry's seven, so every walk-through
 * in the README and docs/nodes can be tried on this machine: a second UPTD PPA
 * to hand a case over to (dilimpahkan), and a second health agency for the
 * hospital's referral up and a second visum request.
 */
const TRIAL_AGENCIES = [
  {
    agency: {
      id: 'uptd-ppa-bintan',
      node: 'intake',
      name: 'UPTD PPA Kabupaten Bintan',
      district: 'Kabupaten Bintan',
      contactHours: 'Senin-Jumat 08.00-16.00 WIB; SAPA 129 24 jam',
    },
    port: Number(process.env.SECOND_UNIT_PORT ?? 3008),
  },
  {
    agency: {
      id: 'rs-bhayangkara-tanjungpinang',
      node: 'health',
      name: 'RS Bhayangkara Tanjungpinang',
      district: 'Kota Tanjungpinang',
      contactHours: 'IGD 24 jam',
    },
    port: Number(process.env.SECOND_HEALTH_PORT ?? 3009),
  },
];

/**
 * The registry npm start runs: the given one, with each trial agency whose
 * role it has only one agency of (written beside the data; the given file is
 * not changed).
 */
function withTrialAgencies(registryPath: string): string {
  const registry = loadRegistry(registryPath);
  const missing = TRIAL_AGENCIES.filter(
    ({ agency }) =>
      registry.agencies.filter((a) => a.node === agency.node).length === 1 && !registry.agencies.some((a) => a.id === agency.id),
  );
  if (!missing.length) return registryPath;
  const raw = JSON.parse(readFileSync(registryPath, 'utf8')) as { agencies: unknown[] };
  raw.agencies.push(...missing.map((m) => m.agency));
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'agencies.local.json');
  writeFileSync(path, `${JSON.stringify(raw, null, 2)}\n`);
  return path;
}

/** Ports of the trial agencies the registry runs (the others take their role's default). */
function trialPorts(registry: ReturnType<typeof loadRegistry>): Record<string, number> {
  const names = nodeNames(registry);
  return Object.fromEntries(TRIAL_AGENCIES.filter(({ agency }) => names.has(agency.id)).map(({ agency, port }) => [agency.id, port]));
}

/**
 * Local trial accounts: an administrator, case workers and a supervisor on
 * every node (an analyst at reporting), with random passwords written to
 * .data/demo-accounts.<prefix>.json (readable by you only). Made once per node
 * and data folder: a node the network gained since (a trial agency added
 * later) gets its accounts added to the file.
 */
async function demoAccounts(net: Network): Promise<void> {
  const file = join(dataDir, `demo-accounts.${process.env.DATABASE_PREFIX ?? 'rujukan'}.json`);
  const accounts = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Record<string, unknown>;
  const missing = [...net.nodes].filter(([name]) => !(name in accounts));
  if (!missing.length) {
    console.log(`staff accounts for the trial: ${file}`);
    return;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    for (const [name, node] of missing) {
      accounts[name] = await net.createStaff(name, trialStaff(node.role));
      // Written after each node: accounts made are never lost to a later failure.
      writeFileSync(file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
    }
  } catch (err) {
    console.warn(`could not create the trial accounts (${err instanceof Error ? err.message : String(err)}); create an administrator with:
  node dist/apps/<node>/src/main.js staff create-admin <username>   (password on standard input)`);
    return;
  }
  console.log(`created trial staff accounts (random passwords) for ${missing.map(([name]) => name).join(', ')} in ${file}`);
}

function trialStaff(role: string): Array<{ username: string; role: string }> {
  return role === 'reporting'
    ? [
        { username: 'analis', role: 'analyst' },
        { username: 'supervisor', role: 'supervisor' },
      ]
    : [
        { username: 'pendamping', role: 'case-worker' },
        { username: 'pendamping2', role: 'case-worker' },
        { username: 'supervisor', role: 'supervisor' },
      ];
}

async function shutdown(code: number): Promise<void> {
  await network?.stop().catch(() => undefined);
  for (const s of services.reverse()) await s.stop().catch(() => undefined);
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await shutdown(1);
});

/**
 * The agency registry the nodes take roles from, signed with a local stand-in
 * for the province PPA office's key (made once under .data/ppa-office): in
 * production the office signs offline (npm run registry -- sign).
 */
function ensureSignedRegistry(registryPath: string, keys: Record<string, AgencyPublicKeys>): { path: string; keyPath: string } {
  if (process.env.AGENCY_REGISTRY?.trim() && process.env.AGENCY_REGISTRY_KEY?.trim()) {
    return { path: process.env.AGENCY_REGISTRY.trim(), keyPath: process.env.AGENCY_REGISTRY_KEY.trim() };
  }
  // The nodes' public keys (their key files under .data/node-keys, made once) go into what the stand-in office signs.
  return signWithLocalOffice(loadRegistry(registryPath).agencies, join(dataDir, 'ppa-office'), 1, keys);
}
