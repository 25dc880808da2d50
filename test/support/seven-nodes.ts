import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { loadRegistry, provisionedStreams } from '@rujukan/messaging';
import type { NodeRole } from '../../scripts/network/nodes.js';
import { Network, nodeNames, type StaffCredentials } from '../../scripts/network/start-network.js';
import { databaseUrl } from './database.js';
import { freeFixedPort } from './ports.js';
import { SHARED_NATS } from './test-network.js';

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
  /** Environment for one node only, by node name. */
  nodeEnv?: Record<string, Record<string, string>>;
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
  return Network.start({
    registryPath,
    natsUrl: options.natsUrl ?? SHARED_NATS,
    databaseServerUrl: databaseUrl('').replace(/\/$/, ''),
    databasePrefix: options.databasePrefix ?? `t_${run}`,
    busPrefix: options.secured?.busPrefix ?? `test-${run.replace(/_/g, '-')}`,
    busStream: options.secured?.busStream ?? `TEST_${run}`,
    busCredentialsDir: options.secured?.credentialsDir,
    ackWaitMs: options.ackWaitMs ?? 2000,
    // JetStream reserves a stream's byte limit up front: bus/agencies.json's 10 GiB per test run would exhaust a small disk.
    maxBytes: 256 * 1024 * 1024,
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
      ...(options.env ?? {}),
    },
    onLine: options.onLine,
    roles: options.roles,
    nodeEnv: options.nodeEnv,
  });
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
  // A private bus goes with its server; the shared one keeps nothing of this run.
  if (network.options.natsUrl === SHARED_NATS) {
    const nc = await connect({ servers: SHARED_NATS });
    const jsm = await jetstreamManager(nc);
    for (const stream of provisionedStreams(network.registry.network.stream)) await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  }
  await network.dropDatabases();
}
