import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { connect, credsAuthenticator } from '@nats-io/transport-node';
import {
  BUS_ADMIN,
  jetstreamReady,
  loadRegistry,
  NodeKeys,
  migrateStreams,
  OldStreamLayoutError,
  provisionBus,
  publishRegistryToBus,
  signWithLocalOffice,
  type AgencyEntry,
  type AgencyPublicKeys,
  type BusRegistry,
} from '@rujukan/messaging';
import { dropDatabase } from '@rujukan/persistence';
import { dropNetworkRoles, ensureNetworkRoles, ensureNodeDatabase, roleUrl, type NetworkDatabaseRoles } from './database-roles.js';
import { databaseName, DEFAULT_PORTS, NODE_ROLES, type NodeRole } from './nodes.js';

export interface NetworkOptions {
  registryPath: string;
  natsUrl: string;
  /**
   * The bus team's credentials folder (`npm run bus -- credentials --out DIR`) when the bus is secured:
   * provisioning uses `bus-admin.creds`, each node its agency's creds file, everyone the network's CA.
   */
  busCredentialsDir?: string;
  /**
   * postgres://user[:password]@host:port, without a database: a superuser, who creates the network's
   * two roles (database-roles.ts); nodes run as its node role, their migrations as its owner role.
   */
  databaseServerUrl: string;
  /** The port in a node's DATABASE_URL, by node name (a proxy the run can cut); default the server's. */
  databasePorts?: Record<string, number>;
  /** Database names are `<databasePrefix>_<node name>`. */
  databasePrefix: string;
  /** Override the registry's subject prefix and stream (tests). */
  busPrefix?: string;
  busStream?: string;
  /** Override the registry's consumer ack wait (tests that stop nodes). */
  ackWaitMs?: number;
  /**
   * Override the broadcast stream's and each agency's addressed stream's byte
   * limits (tests, the trial): JetStream reserves every stream's limit on the
   * server's disk up front, and the registry's production sizes for eight
   * agencies add up to tens of GiB.
   */
  maxBytes?: number;
  addressedMaxBytes?: number;
  /** HTTP port per node name (see `nodeNames`). */
  ports?: Record<string, number>;
  /** Only the nodes of these roles (default: every agency in the registry). */
  roles?: readonly NodeRole[];
  /**
   * The agency registry the PPA office signed, and its public key, for every
   * node (and published to the bus); without it the network signs its
   * registry with a local stand-in office key of its own (tests).
   */
  signedRegistry?: { path: string; keyPath: string };
  /** Where each node's key file is (`<name>.node-key.json`, made at first start); default a new temporary folder. */
  keysDir?: string;
  /** Extra environment for every node (short waits in tests). */
  env?: Record<string, string>;
  /** Extra environment for one node, by node name (a reporting node with another counting policy). */
  nodeEnv?: Record<string, Record<string, string>>;
  /** Intake's key for the pseudonymous ids reporting sees (STATISTICS_ID_KEY). */
  statisticsKey: string;
  /** Every log line of every node, with its node name. */
  onLine?: (name: string, line: string) => void;
}

export interface RunningNode {
  /** The role for the first agency of a role in the registry, else the agency id. */
  name: string;
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

/**
 * The launcher's name for each agency's node: its role for the first agency
 * of that role in the registry (so `intake` is the usual one), else its
 * agency id (a second intake node in another region, a second shelter).
 */
export function nodeNames(registry: BusRegistry): Map<string, AgencyEntry> {
  const names = new Map<string, AgencyEntry>();
  for (const agency of registry.agencies) {
    if (!(NODE_ROLES as readonly string[]).includes(agency.node)) continue;
    names.set(names.has(agency.node) ? agency.id : agency.node, agency);
  }
  return names;
}

function agencyNamed(registry: BusRegistry, name: string): AgencyEntry {
  const agency = nodeNames(registry).get(name);
  if (!agency) throw new Error(`the registry has no node named ${name} (a role, or the id of a further agency of a role)`);
  return agency;
}

/** The key file of a node of this network: where its NODE_KEY_FILE points. */
export function nodeKeyFile(options: Pick<NetworkOptions, 'keysDir' | 'nodeEnv'>, name: string): string {
  return options.nodeEnv?.[name]?.NODE_KEY_FILE ?? resolve(options.keysDir ?? '.', `${name}.node-key.json`);
}

/**
 * Makes every node's key file (as each node would at its first start) and
 * returns their public keys by agency: what the PPA office signs into the
 * registry (on a real network, from each agency's `keys show`).
 */
export function networkPublicKeys(
  options: Pick<NetworkOptions, 'keysDir' | 'nodeEnv'>,
  registry: BusRegistry,
): Record<string, AgencyPublicKeys> {
  return Object.fromEntries(
    [...nodeNames(registry)].map(([name, a]) => [a.id, NodeKeys.loadOrCreate(nodeKeyFile(options, name)).publicKeys]),
  );
}

/** Builds the environment of one node from the registry and the network's settings. */
export function nodeEnvironment(
  options: NetworkOptions,
  registry: BusRegistry,
  name: string,
  authSecret: string,
  roles: NetworkDatabaseRoles,
): Record<string, string> {
  const agency = agencyNamed(registry, name);
  const role = agency.node as NodeRole;
  const port = options.ports?.[name] ?? (name === role ? DEFAULT_PORTS[role] : undefined);
  if (port === undefined) throw new Error(`no port given for node ${name}`);
  const database = databaseName(options.databasePrefix, name);
  return {
    NODE_ROLE: role,
    AGENCY_ID: agency.id,
    PORT: String(port),
    // As in production (README, "Database roles"): the node owns no table; its migrations run as the owner.
    DATABASE_URL: roleUrl(options.databaseServerUrl, roles.node, database, options.databasePorts?.[name]),
    DATABASE_MIGRATION_URL: roleUrl(options.databaseServerUrl, roles.owner, database),
    NATS_URL: options.natsUrl,
    BUS_PREFIX: registry.network.prefix,
    BUS_STREAM: registry.network.stream,
    BUS_BROADCASTS: agency.broadcasts ? 'true' : 'false',
    AGENCY_DIRECTORY: resolve(options.registryPath),
    ...(options.signedRegistry
      ? { AGENCY_REGISTRY: resolve(options.signedRegistry.path), AGENCY_REGISTRY_KEY: resolve(options.signedRegistry.keyPath) }
      : {}),
    NODE_KEY_FILE: nodeKeyFile(options, name),
    AUTH_TOKEN_SECRET: authSecret,
    ...(options.busCredentialsDir
      ? {
          NATS_CREDS: resolve(options.busCredentialsDir, `${agency.id}.creds`),
          NATS_CA: resolve(options.busCredentialsDir, 'tls', 'ca.pem'),
        }
      : {}),
    ...(role === 'intake' ? { STATISTICS_ID_KEY: options.statisticsKey } : {}),
    ...(options.env ?? {}),
    ...(options.nodeEnv?.[name] ?? {}),
  };
}

/**
 * The whole network on one machine: provisions the bus from the registry,
 * creates each node's database, and runs every node as its own process.
 */
export class Network {
  /** Running nodes by name (see `nodeNames`). */
  readonly nodes = new Map<string, RunningNode>();
  private stopping = false;
  /** Each node's token secret, kept across restarts of the node within this run. */
  private readonly authSecrets = new Map<string, string>();

  private constructor(
    readonly options: NetworkOptions,
    readonly registry: BusRegistry,
    /** The network's database roles (this run's passwords). */
    readonly databaseRoles: NetworkDatabaseRoles,
  ) {}

  static async start(options: NetworkOptions): Promise<Network> {
    const registry = loadRegistry(options.registryPath);
    if (options.busPrefix) registry.network.prefix = options.busPrefix;
    if (options.busStream) registry.network.stream = options.busStream;
    if (options.ackWaitMs) registry.consumers.ackWaitMs = options.ackWaitMs;
    if (options.maxBytes) registry.network.maxBytes = options.maxBytes;
    if (options.addressedMaxBytes) registry.network.addressedMaxBytes = options.addressedMaxBytes;
    const keysDir = options.keysDir ?? mkdtempSync(join(tmpdir(), 'rujukan-keys-'));
    // The registry carries each node's public keys: events are sealed to them and signed with them.
    const signedRegistry =
      options.signedRegistry ??
      signWithLocalOffice(
        registry.agencies,
        join(mkdtempSync(join(tmpdir(), 'rujukan-office-')), 'ppa-office'),
        1,
        networkPublicKeys({ ...options, keysDir }, registry),
      );
    const roles = await ensureNetworkRoles(options.databaseServerUrl, options.databasePrefix);
    const network = new Network({ ...options, keysDir, signedRegistry }, registry, roles);
    await network.provision();
    const names = [...nodeNames(registry)]
      .filter(([, a]) => !options.roles || options.roles.includes(a.node as NodeRole))
      .map(([name]) => name);
    for (const name of names) await network.ensureDatabase(name);
    try {
      await Promise.all(names.map((name) => network.startNode(name)));
    } catch (err) {
      await network.stop(); // leave no node running behind a failed start
      throw err;
    }
    return network;
  }

  /** Creates a node's database (owned by the network's owner role) unless it is there. */
  async ensureDatabase(name: string): Promise<void> {
    await ensureNodeDatabase(this.options.databaseServerUrl, databaseName(this.options.databasePrefix, name), this.databaseRoles);
  }

  /** Drops the databases of the nodes this network ran, and then its roles (tests). */
  async dropDatabases(): Promise<void> {
    for (const n of this.nodes.values()) await dropDatabase(`${this.options.databaseServerUrl}/${n.database}`);
    await dropNetworkRoles(this.options.databaseServerUrl, this.options.databasePrefix);
  }

  /** The same provisioning as `npm run bus -- provision`. */
  async provision(): Promise<void> {
    const dir = this.options.busCredentialsDir;
    const nc = await connect({
      // A cluster's servers, comma-separated, as a node's NATS_URL lists them.
      servers: this.options.natsUrl.split(',').map((s) => s.trim()),
      timeout: 5000,
      ...(dir
        ? { authenticator: credsAuthenticator(readFileSync(join(dir, `${BUS_ADMIN}.creds`))), tls: { caFile: join(dir, 'tls', 'ca.pem') } }
        : {}),
    });
    try {
      // A fresh cluster answers no JetStream request until it has elected its meta leader: wait for that, bounded.
      const jsm = await jetstreamReady(nc);
      await provisionBus(jsm, this.registry).catch(async (err: unknown) => {
        if (!(err instanceof OldStreamLayoutError)) throw err;
        // npm start's own bus, kept in .data/bus from an earlier release: moved as the bus team's command moves one.
        console.log(`${this.registry.network.stream} is laid out the old way: migrating it (npm run bus -- migrate-streams)`);
        await migrateStreams(jsm, this.registry, { log: (line) => console.log(`  ${line}`) });
      });
      // The bus's copy of the signed registry, as the bus team publishes it (npm run bus -- publish-registry).
      if (this.options.signedRegistry)
        await publishRegistryToBus(nc, this.registry.network.stream, readFileSync(this.options.signedRegistry.path, 'utf8'));
    } finally {
      await nc.close();
    }
  }

  /** Starts one node's process and waits until its /health answers. */
  async startNode(name: string): Promise<RunningNode> {
    const role = agencyNamed(this.registry, name).node as NodeRole;
    const main = resolve('dist/apps', role, 'src/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first`);
    const env = this.environment(name);
    const child = spawn(process.execPath, ['--enable-source-maps', main], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const node: RunningNode = {
      name,
      role,
      agency: env.AGENCY_ID,
      port: Number(env.PORT),
      url: `http://127.0.0.1:${env.PORT}`,
      database: databaseName(this.options.databasePrefix, name),
      process: child,
    };
    this.nodes.set(name, node);
    // The last lines it wrote, for the error when it dies before it is healthy (logs carry no identifying data).
    const last: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        last.push(line);
        if (last.length > 15) last.shift();
        this.options.onLine?.(name, line);
      });
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
    if (outcome !== 'up') {
      // Let the output's last lines arrive before quoting them.
      await new Promise((r) => setTimeout(r, 100));
      throw new Error(`${name} node exited with code ${outcome} before it was healthy; its last lines:\n  ${last.join('\n  ')}`);
    }
    return node;
  }

  /** The environment a node of this network runs with. */
  environment(name: string): Record<string, string> {
    if (!this.authSecrets.has(name)) this.authSecrets.set(name, randomBytes(32).toString('hex'));
    return nodeEnvironment(this.options, this.registry, name, this.authSecrets.get(name)!, this.databaseRoles);
  }

  /** Runs a node's command line (`dead-letters ...`, `staff create-admin ...`) against its database. */
  async command(name: string, args: string[], extraEnv: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
    const main = resolve('dist/apps', agencyNamed(this.registry, name).node, 'src/main.js');
    return execFileAsync(process.execPath, [main, ...args], { env: { ...process.env, ...this.environment(name), ...extraEnv } });
  }

  /** Signs in with a local account; returns the bearer token. */
  async signIn(name: string, username: string, password: string): Promise<string> {
    const res = await fetch(`${this.nodes.get(name)!.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${username} at ${name} answered ${res.status}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  /**
   * Creates the first administrator by command, then, as that administrator,
   * the given staff accounts, each with a random password (supervisors by command).
   */
  async createStaff(name: string, staff: Array<{ username: string; role: string }>): Promise<StaffCredentials[]> {
    const adminPassword = randomBytes(18).toString('base64url');
    const out = await this.command(name, ['staff', 'create-admin', 'admin'], { STAFF_PASSWORD: adminPassword });
    const adminId = /\(([0-9a-f-]{36})\)/.exec(out.stdout)?.[1] ?? '';
    const token = await this.signIn(name, 'admin', adminPassword);
    const created: StaffCredentials[] = [{ id: adminId, username: 'admin', password: adminPassword, role: 'agency-admin' }];
    for (const s of staff) {
      const password = randomBytes(18).toString('base64url');
      if (s.role === 'supervisor') {
        // An administrator may not make a supervisor through the API (docs/security.md): the node's command does.
        const made = await this.command(name, ['staff', 'create', s.username, s.role], { STAFF_PASSWORD: password });
        created.push({ id: /\(([0-9a-f-]{36})\)/.exec(made.stdout)?.[1] ?? '', username: s.username, password, role: s.role });
        continue;
      }
      const res = await fetch(`${this.nodes.get(name)!.url}/staff`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ username: s.username, displayName: s.username, role: s.role, password }),
      });
      if (res.status !== 201) throw new Error(`creating ${s.username} at ${name} answered ${res.status}: ${await res.text()}`);
      created.push({ id: ((await res.json()) as { id: string }).id, username: s.username, password, role: s.role });
    }
    return created;
  }

  /** Stops one node: SIGTERM lets it drain and close; after `graceMs` it is killed. */
  async stopNode(name: string, signal: NodeJS.Signals = 'SIGTERM', graceMs = 15000): Promise<void> {
    const node = this.nodes.get(name);
    const child = node?.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const timer = setTimeout(() => {
      this.options.onLine?.(name, `launcher: ${name} did not stop within ${graceMs} ms of ${signal}; killing it`);
      child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await Promise.all([...this.nodes.keys()].map((name) => this.stopNode(name)));
  }
}
