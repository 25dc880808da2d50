import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import { writeBusCredentials, type BusRegistry } from '@rujukan/messaging';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface Service {
  url: string;
  /** What was started for this run (nothing when an existing server was used). */
  started: string | null;
  stop(): Promise<void>;
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((done) => {
    const s = net.connect(port, host);
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
  });
}

async function waitPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${ms} ms`);
}

/**
 * PostgreSQL for the network: DATABASE_SERVER_URL if set; else the local
 * server on 127.0.0.1:5432; else (or always, with EMBEDDED_POSTGRES=1) an
 * embedded PostgreSQL under the data folder on EMBEDDED_PG_PORT (5433).
 */
export async function ensurePostgres(env: NodeJS.ProcessEnv, dataDir: string): Promise<Service> {
  const given = env.DATABASE_SERVER_URL?.trim();
  if (given) return { url: given.replace(/\/$/, ''), started: null, stop: async () => undefined };
  if (env.EMBEDDED_POSTGRES !== '1') {
    const local = env.LOCAL_POSTGRES_URL?.trim() || 'postgres://postgres@127.0.0.1:5432';
    const client = new pg.Client({ connectionString: `${local}/postgres`, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return { url: local, started: null, stop: async () => undefined };
    } catch {
      await client.end().catch(() => undefined);
    }
  }
  const port = Number(env.EMBEDDED_PG_PORT ?? 5433);
  const server = await startEmbeddedPostgres({ dataDir, port, runtimeDir: env.RUJUKAN_RUNTIME_DIR?.trim() || undefined });
  return { url: server.url, started: `embedded PostgreSQL in ${server.dataDir} on port ${port}`, stop: () => server.stop() };
}

function findNatsServer(env: NodeJS.ProcessEnv): string | null {
  const candidates = [env.NATS_SERVER_BIN, '/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].filter(
    Boolean,
  ) as string[];
  for (const c of candidates) if (existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

/**
 * NATS with JetStream: NATS_URL if set; else the local server on 4222; else a
 * nats-server started under the data folder when the binary is installed.
 */
export async function ensureNats(env: NodeJS.ProcessEnv, dataDir: string): Promise<Service> {
  if (env.NATS_URL?.trim()) return { url: env.NATS_URL.trim(), started: null, stop: async () => undefined };
  const port = Number(env.LOCAL_NATS_PORT ?? 4222);
  if (await portOpen(port)) return { url: `nats://127.0.0.1:${port}`, started: null, stop: async () => undefined };
  const binary = findNatsServer(env);
  if (!binary) {
    throw new Error(
      'No NATS server on 127.0.0.1:4222 and no nats-server binary: install one with "apt-get install nats-server" (Debian) or run "docker compose up bus", then try again.',
    );
  }
  const store = resolve(dataDir, 'nats');
  mkdirSync(store, { recursive: true });
  const child: ChildProcess = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], { stdio: 'ignore' });
  await waitPort(port, 10000);
  return {
    url: `nats://127.0.0.1:${port}`,
    started: `nats-server with JetStream in ${store}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The secured bus `npm start` runs by default (docs/bus.md): credentials and
 * TLS generated under `<dataDir>/bus` from the registry (as the bus team's
 * `credentials` command makes them), and a nats-server of its own with that
 * configuration on LOCAL_SECURE_NATS_PORT (4223), monitoring on loopback.
 */
export async function ensureSecureBus(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  registry: BusRegistry,
): Promise<Service & { credentialsDir: string }> {
  const binary = findNatsServer(env);
  if (!binary) {
    throw new Error(
      'npm start runs its own secured bus and needs the nats-server binary: install it with "apt-get install nats-server" (Debian), or set NATS_URL to a bus that runs.',
    );
  }
  const port = Number(env.LOCAL_SECURE_NATS_PORT ?? 4223);
  if (await portOpen(port)) throw new Error(`127.0.0.1:${port} is taken: stop what runs there or set LOCAL_SECURE_NATS_PORT`);
  const dir = resolve(dataDir, 'bus');
  const monitorPort = Number(env.LOCAL_SECURE_NATS_MONITOR_PORT ?? 8223);
  const report = await writeBusCredentials(registry, { out: dir, port, monitorPort, hosts: ['127.0.0.1', 'localhost'] });
  const child: ChildProcess = spawn(binary, ['-c', report.config, '-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  await waitPort(port, 10000);
  return {
    url: `tls://127.0.0.1:${port}`,
    started: `secured nats-server with JetStream (credentials and TLS in ${dir})`,
    credentialsDir: dir,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
