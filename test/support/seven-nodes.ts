import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { loadRegistry, provisionedStreams } from '@rujukan/messaging';
import type { NodeRole } from '../../scripts/network/nodes.js';
import { Network, nodeNames, type StaffCredentials } from '../../scripts/network/start-network.js';
import { databaseUrl } from './database.js';
import { freeFixedPort } from './ports.js';
import { assertTestReservation, SHARED_NATS, TEST_STREAM_BYTES } from './test-network.js';

/**
 * The seven nodes as separate processes on the shared bus and PostgreSQL,
 * under a prefix, stream and databases of this run only, with short waits.
 */
export async function startSevenNodes(options: {
  label: string;
  statisticsKey: string;
  env?: Record<string, string>;
  onLine?: (name: string, line: string) => void;
  /** Only the nodes of these roles (default: all). */
  roles?: readonly NodeRole[];
  /** A registry with more agencies than the default one per role. */
  registryPath?: string;
  /** A private nats-server (tests that stop the bus); default the shared one. */
  natsUrl?: string;
  /** Environment for one node only, by node name; a function is given the nodes' addresses (http://127.0.0.1:<port>) by name. */
  nodeEnv?: Record<string, Record<string, string>> | ((urls: Record<string, string>) => Record<string, Record<string, string>>);
  /** The consumers' ack wait; default 2 s (production: 30 s). */
  ackWaitMs?: number;
  /** A secured bus: its credentials folder, and the prefix and stream the credentials were made for. */
  secured?: { credentialsDir: string; busPrefix: string; busStream: string };
  /** The databases' (and database roles') prefix: another network's, to start on what it left; default one of this run. */
  databasePrefix?: string;
}): Promise<Network> {
  const run = `${options.label}_${randomBytes(4).toString('hex')}`;
  const registryPath = options.registryPath ?? 'bus/agencies.json';
  const ports: Record<string, number> = {};
  for (const name of nodeNames(loadRegistry(registryPath)).keys()) ports[name] = await freeFixedPort();
  const natsUrl = options.natsUrl ?? SHARED_NATS;
  const network = await Network.start({
    registryPath,
    natsUrl,
    databaseServerUrl: databaseUrl('').replace(/\/$/, ''),
    databasePrefix: options.databasePrefix ?? `t_${run}`,
    busPrefix: options.secured?.busPrefix ?? `test-${run.replace(/_/g, '-')}`,
    busStream: options.secured?.busStream ?? `TEST_${run}`,
    busCredentialsDir: options.secured?.credentialsDir,
    ackWaitMs: options.ackWaitMs ?? 2000,
    // JetStream reserves a stream's byte limit up front: bus/agencies.json's sizes would exhaust the shared server.
    maxBytes: TEST_STREAM_BYTES.network,
    addressedMaxBytes: TEST_STREAM_BYTES.addressed,
    statisticsKey: options.statisticsKey,
    ports,
    env: {
      RETRY_BASE_MS: '200',
      RETRY_MAX_MS: '1000',
      OUTBOX_POLL_MS: '200',
      BROADCAST_INTERVAL_MS: '200',
      DB_HEALTH_POLL_MS: '300',
      NATS_RECONNECT_WAIT_MS: '500',
      RECEIPT_TIMEOUT_MS: '10000',
      LOG_LEVEL: 'log',
      // Tests register many cases from one account; the per-person limit on register look-ups (30 in 10 minutes)
      // is tested on its own (console-drafts sets it low).
      REGISTER_LOOKUPS: '100000',
      ...(options.env ?? {}),
    },
    onLine: options.onLine,
    roles: options.roles,
    nodeEnv:
      typeof options.nodeEnv === 'function'
        ? options.nodeEnv(Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, `http://127.0.0.1:${port}`])))
        : options.nodeEnv,
  });
  if (natsUrl === SHARED_NATS) {
    // What the server was actually given: a network that reserved more fails here, before the next test runs out of room.
    const nc = await connect({ servers: SHARED_NATS });
    const jsm = await jetstreamManager(nc);
    try {
      const reserved = await Promise.all(
        provisionedStreams(network.registry).map(async (name) => ({ name, maxBytes: (await jsm.streams.info(name)).config.max_bytes })),
      );
      assertTestReservation(reserved);
    } catch (err) {
      await nc.close();
      await removeSevenNodes(network);
      throw err;
    }
    await nc.close();
  }
  return network;
}

/** Creates `staff` on every node (reporting gets `reportingStaff`) and signs each in. */
export async function signInStaff(
  network: Network,
  staff: Array<{ username: string; role: string }>,
  reportingStaff: Array<{ username: string; role: string }> = staff,
): Promise<Map<string, StaffCredentials & { token: string }>> {
  // Node by node in parallel: each runs its own commands (the first admin, supervisors) and sign-ins.
  const perNode = await Promise.all(
    [...network.nodes].map(async ([name, node]) => {
      const accounts = await network.createStaff(name, node.role === 'reporting' ? reportingStaff : staff);
      const entries: Array<[string, StaffCredentials & { token: string }]> = [];
      for (const account of accounts) {
        entries.push([
          `${name}/${account.username}`,
          { ...account, token: await network.signIn(name, account.username, account.password) },
        ]);
      }
      return entries;
    }),
  );
  return new Map(perNode.flat());
}

/** Stops the nodes and removes their stream, databases and database roles. */
export async function removeSevenNodes(network: Network | undefined): Promise<void> {
  if (!network) return;
  await network.stop();
  await removeStreams(network);
  await network.dropDatabases();
}

/** The network's streams on the shared bus (a private bus goes with its server): for a network whose databases live on. */
export async function removeStreams(network: Network): Promise<void> {
  if (network.options.natsUrl !== SHARED_NATS) return;
  const nc = await connect({ servers: SHARED_NATS });
  const jsm = await jetstreamManager(nc);
  for (const stream of provisionedStreams(network.registry)) await jsm.streams.delete(stream).catch(() => undefined);
  await nc.close();
}
