import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { loadRegistry, provisionBus, type BusRegistry } from '@rujukan/messaging';
import { ensureDatabase } from '@rujukan/persistence';
import { databaseName, DEFAULT_PORTS, NODE_ROLES, type NodeRole } from './nodes.js';

export interface NetworkOptions {
  registryPath: string;
  natsUrl: string;
  /** postgres://user[:password]@host:port, without a database. */
  databaseServerUrl: string;
  /** Database names are `<databasePrefix>_<role>`. */
  databasePrefix: string;
  /** Override the registry's subject prefix and stream (tests). */
  busPrefix?: string;
  busStream?: string;
  /** Override the registry's consumer ack wait (tests that stop nodes). */
  ackWaitMs?: number;
  ports?: Partial<Record<NodeRole, number>>;
  roles?: readonly NodeRole[];
  /** Extra environment for every node (short waits in tests). */
  env?: Record<string, string>;
  /** Intake's key for the pseudonymous ids reporting sees (STATISTICS_ID_KEY). */
  statisticsKey: string;
  /** Every log line of every node, with its role. */
  onLine?: (role: NodeRole, line: string) => void;
}

export interface RunningNode {
  role: NodeRole;
  agency: string;
  port: number;
  url: string;
  database: string;
  process?: ChildProcess;
}

const execFileAsync = promisify(execFile);

export interface StaffCredentials {
  id: string;
  username: string;
  password: string;
  role: string;
}

/** Builds the environment of one node from the registry and the network's settings. */
export function nodeEnvironment(options: NetworkOptions, registry: BusRegistry, role: NodeRole, authSecret: string): Record<string, string> {
  const agency = registry.agencies.find((a) => a.node === role);
  if (!agency) throw new Error(`the registry has no agency running a ${role} node`);
  const port = options.ports?.[role] ?? DEFAULT_PORTS[role];
  return {
    NODE_ROLE: role,
    AGENCY_ID: agency.id,
    PORT: String(port),
    DATABASE_URL: `${options.databaseServerUrl}/${databaseName(options.databasePrefix, role)}`,
    NATS_URL: options.natsUrl,
    BUS_PREFIX: registry.network.prefix,
    BUS_STREAM: registry.network.stream,
    BUS_BROADCASTS: agency.broadcasts ? 'true' : 'false',
    AGENCY_DIRECTORY: resolve(options.registryPath),
    AUTH_TOKEN_SECRET: authSecret,
    ...(role === 'intake' ? { STATISTICS_ID_KEY: options.statisticsKey } : {}),
    ...(options.env ?? {}),
  };
}

/**
 * The whole network on one machine: provisions the bus from the registry,
 * creates each node's database, and runs every node as its own process.
 */
export class Network {
  readonly nodes = new Map<NodeRole, RunningNode>();
  private stopping = false;
  /** Each node's token secret, kept across restarts of the node within this run. */
  readonly authSecrets = Object.fromEntries(NODE_ROLES.map((r) => [r, randomBytes(32).toString('hex')])) as Record<NodeRole, string>;

  private constructor(
    readonly options: NetworkOptions,
    readonly registry: BusRegistry,
  ) {}

  static async start(options: NetworkOptions): Promise<Network> {
    const registry = loadRegistry(options.registryPath);
    if (options.busPrefix) registry.network.prefix = options.busPrefix;
    if (options.busStream) registry.network.stream = options.busStream;
    if (options.ackWaitMs) registry.consumers.ackWaitMs = options.ackWaitMs;
    const network = new Network(options, registry);
    await network.provision();
    const roles = options.roles ?? NODE_ROLES;
    for (const role of roles) await ensureDatabase(`${options.databaseServerUrl}/${databaseName(options.databasePrefix, role)}`);
    try {
      await Promise.all(roles.map((role) => network.startNode(role)));
    } catch (err) {
      await network.stop(); // leave no node running behind a failed start
      throw err;
    }
    return network;
  }

  /** The same provisioning as `npm run bus -- provision`. */
  async provision(): Promise<void> {
    const nc = await connect({ servers: this.options.natsUrl, timeout: 5000 });
    try {
      await provisionBus(await jetstreamManager(nc), this.registry);
    } finally {
      await nc.close();
    }
  }

  /** Starts one node's process and waits until its /health answers. */
  async startNode(role: NodeRole): Promise<RunningNode> {
    const main = resolve('dist/apps', role, 'src/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first`);
    const env = this.environment(role);
    const child = spawn(process.execPath, ['--enable-source-maps', main], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const node: RunningNode = {
      role,
      agency: env.AGENCY_ID,
      port: Number(env.PORT),
      url: `http://127.0.0.1:${env.PORT}`,
      database: databaseName(this.options.databasePrefix, role),
      process: child,
    };
    this.nodes.set(role, node);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => this.options.onLine?.(role, line));
    }
    let gone = false;
    const exited = new Promise<number | null>((r) =>
      child.once('exit', (code) => {
        gone = true;
        r(code);
      }),
    );
    const healthy = (async () => {
      while (!gone) {
        try {
          const res = await fetch(`${node.url}/health`);
          // Make sure it is this node answering, not something else on the port.
          const body = res.ok ? ((await res.json()) as { node?: string; agency?: string }) : {};
          if (body.node === role && body.agency === node.agency) return;
        } catch {
          // not up yet
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    const outcome = await Promise.race([healthy.then(() => 'up' as const), exited.then((code) => code)]);
    if (outcome !== 'up') throw new Error(`${role} node exited with code ${outcome} before it was healthy`);
    return node;
  }

  /** The environment a node of this network runs with. */
  environment(role: NodeRole): Record<string, string> {
    return nodeEnvironment(this.options, this.registry, role, this.authSecrets[role]);
  }

  /** Runs a node's command line (`dead-letters ...`, `staff create-admin ...`) against its database. */
  async command(role: NodeRole, args: string[], extraEnv: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
    const main = resolve('dist/apps', role, 'src/main.js');
    return execFileAsync(process.execPath, [main, ...args], { env: { ...process.env, ...this.environment(role), ...extraEnv } });
  }

  /** Signs in with a local account; returns the bearer token. */
  async signIn(role: NodeRole, username: string, password: string): Promise<string> {
    const res = await fetch(`${this.nodes.get(role)!.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${username} at ${role} answered ${res.status}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  /**
   * Creates the first administrator by command, then, as that administrator,
   * the given staff accounts, each with a random password.
   */
  async createStaff(role: NodeRole, staff: Array<{ username: string; role: string }>): Promise<StaffCredentials[]> {
    const adminPassword = randomBytes(18).toString('base64url');
    const out = await this.command(role, ['staff', 'create-admin', 'admin'], { STAFF_PASSWORD: adminPassword });
    const adminId = /\(([0-9a-f-]{36})\)/.exec(out.stdout)?.[1] ?? '';
    const token = await this.signIn(role, 'admin', adminPassword);
    const created: StaffCredentials[] = [{ id: adminId, username: 'admin', password: adminPassword, role: 'agency-admin' }];
    for (const s of staff) {
      const password = randomBytes(18).toString('base64url');
      const res = await fetch(`${this.nodes.get(role)!.url}/staff`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ username: s.username, displayName: s.username, role: s.role, password }),
      });
      if (res.status !== 201) throw new Error(`creating ${s.username} at ${role} answered ${res.status}: ${await res.text()}`);
      created.push({ id: ((await res.json()) as { id: string }).id, username: s.username, password, role: s.role });
    }
    return created;
  }

  /** Stops one node: SIGTERM lets it drain and close; after `graceMs` it is killed. */
  async stopNode(role: NodeRole, signal: NodeJS.Signals = 'SIGTERM', graceMs = 15000): Promise<void> {
    const node = this.nodes.get(role);
    const child = node?.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const timer = setTimeout(() => {
      this.options.onLine?.(role, `launcher: ${role} did not stop within ${graceMs} ms of ${signal}; killing it`);
      child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await Promise.all([...this.nodes.keys()].map((role) => this.stopNode(role)));
  }
}
