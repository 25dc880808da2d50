import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream, type JetStreamManager } from '@nats-io/jetstream';
import { connect, credsAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { BUS_ADMIN, jetstreamReady, writeBusCredentials, type BusRegistry } from '@rujukan/messaging';
import { freeFixedPort, waitForPort } from '../network/ports.js';

const BINARY = process.env.NATS_SERVER_BIN ?? (existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server');

interface Server {
  name: string;
  port: number;
  /** Its monitoring port (loopback), for /healthz. */
  monitor: number;
  config: string;
  process?: ChildProcess;
}

/**
 * The run's own secured bus on loopback: credentials and TLS made as the bus
 * team's `credentials` command makes them, then one nats-server, or three in
 * a cluster (each with its own store), which the run may kill and restart.
 */
export class ChaosBus {
  private admin?: { nc: NatsConnection; jsm: JetStreamManager };

  private constructor(
    readonly credentialsDir: string,
    private readonly servers: Server[],
  ) {}

  static async start(dir: string, registry: BusRegistry, cluster: boolean): Promise<ChaosBus> {
    const count = cluster ? 3 : 1;
    const ports: number[] = [];
    const routes: number[] = [];
    const monitors: number[] = [];
    for (let i = 0; i < count; i++) {
      ports.push(await freeFixedPort());
      routes.push(await freeFixedPort());
      monitors.push(await freeFixedPort());
    }
    const report = await writeBusCredentials(registry, {
      out: dir,
      port: ports[0],
      monitorPort: await freeFixedPort(),
      hosts: ['127.0.0.1', 'localhost'],
    });
    const base = readFileSync(report.config, 'utf8');
    const servers: Server[] = [];
    for (let i = 0; i < count; i++) {
      const name = `bus-${i + 1}`;
      const lines = base
        .split('\n')
        .filter((l) => !/^(listen|http|jetstream):/.test(l))
        .concat([
          `server_name: ${name}`,
          `listen: "127.0.0.1:${ports[i]}"`,
          `http: "127.0.0.1:${monitors[i]}"`,
          `jetstream: { store_dir: "${join(dir, `store-${i + 1}`)}" }`,
          ...(cluster
            ? [
                'cluster {',
                '  name: chaos',
                `  listen: "127.0.0.1:${routes[i]}"`,
                `  routes: [ ${routes.map((p) => `"nats-route://127.0.0.1:${p}"`).join(', ')} ]`,
                '}',
              ]
            : []),
          '',
        ]);
      const config = join(dir, `${name}.conf`);
      writeFileSync(config, lines.join('\n'), { mode: 0o600 });
      servers.push({ name, port: ports[i], monitor: monitors[i], config });
    }
    const bus = new ChaosBus(dir, servers);
    await Promise.all(servers.map((_, i) => bus.restart(i)));
    await bus.healthy(60_000);
    return bus;
  }

  /**
   * Waits until every server says it is current with a JetStream meta leader
   * (`/healthz?js-server-only=true`, nats-server 2.9 on): accepting connections
   * comes first, and a cluster whose meta group lacks a server cannot place an
   * R3 stream. Bounded; says which server is not ready and why.
   */
  async healthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const waiting = new Map(this.servers.map((s) => [s.name, 'not asked yet']));
    while (waiting.size) {
      for (const s of this.servers.filter((x) => waiting.has(x.name))) {
        try {
          const res = await fetch(`http://127.0.0.1:${s.monitor}/healthz?js-server-only=true`, { signal: AbortSignal.timeout(2000) });
          const body = (await res.json()) as { status?: string; error?: string };
          if (res.ok && body.status === 'ok') waiting.delete(s.name);
          else waiting.set(s.name, body.error ?? `HTTP ${res.status}`);
        } catch (err) {
          waiting.set(s.name, err instanceof Error ? err.message : String(err));
        }
      }
      if (!waiting.size) return;
      if (Date.now() > deadline) {
        throw new Error(`the bus is not ready after ${timeoutMs} ms: ${[...waiting].map(([n, why]) => `${n}: ${why}`).join('; ')}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  get size(): number {
    return this.servers.length;
  }

  /** What the nodes' NATS_URL lists: every server. */
  get url(): string {
    return this.servers.map((s) => `tls://127.0.0.1:${s.port}`).join(',');
  }

  nameOf(index: number): string {
    return this.servers[index].name;
  }

  indexOf(name: string): number {
    return this.servers.findIndex((s) => s.name === name);
  }

  /** Sends the signal to one server and waits until it has exited. */
  async kill(index: number, signal: NodeJS.Signals): Promise<void> {
    const p = this.servers[index].process;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    const timer = setTimeout(() => p.kill('SIGKILL'), 20000);
    await exited;
    clearTimeout(timer);
  }

  /** Starts one server (again) and waits until it accepts connections. */
  async restart(index: number): Promise<void> {
    const s = this.servers[index];
    if (s.process && s.process.exitCode === null && s.process.signalCode === null) return;
    s.process = spawn(BINARY, ['-c', s.config, '-l', join(this.credentialsDir, `${s.name}.log`)], { stdio: 'ignore' });
    await waitForPort(s.port, 20000);
  }

  /** The bus team's connection (bus-admin), reconnecting for as long as the run lasts. */
  async manager(): Promise<JetStreamManager> {
    if (!this.admin) {
      const nc = await connect({
        servers: this.servers.map((s) => `tls://127.0.0.1:${s.port}`),
        authenticator: credsAuthenticator(readFileSync(join(this.credentialsDir, `${BUS_ADMIN}.creds`))),
        tls: { caFile: join(this.credentialsDir, 'tls', 'ca.pem') },
        maxReconnectAttempts: -1,
        reconnectTimeWait: 250,
        timeout: 5000,
      });
      this.admin = { nc, jsm: await jetstreamReady(nc, { manager: { timeout: 5000 } }) };
    }
    return this.admin.jsm;
  }

  /** Publishes raw bytes as the bus team (a deliberate dead letter). */
  async publishRaw(subject: string, data: string): Promise<void> {
    await this.manager();
    const nc = this.admin!.nc;
    // Right after a restart the connection may still be coming back: a few tries, one message id (stored once).
    const msgID = randomUUID();
    for (let attempt = 1; ; attempt++) {
      try {
        await jetstream(nc).publish(subject, data, { msgID });
        return;
      } catch (err) {
        if (attempt >= 10) throw err;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /**
   * The server that leads the stream (cluster), by index. Asked again for up to
   * 30 s: after a restart of the bus the stream may still be electing its leader.
   */
  async streamLeader(stream: string): Promise<number | undefined> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const leader = await (await this.manager()).streams.info(stream).then(
        (info) => info.cluster?.leader,
        () => undefined,
      );
      if (leader || Date.now() > deadline) return leader ? this.indexOf(leader) : undefined;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  async stop(): Promise<void> {
    await this.admin?.nc.close().catch(() => undefined);
    await Promise.all(this.servers.map((_, i) => this.kill(i, 'SIGTERM')));
  }
}
