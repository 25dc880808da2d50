import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { dropDatabase } from '@rujukan/persistence';
import { NODE_ROLES, type NodeRole } from '../../scripts/network/nodes.js';
import { Network, type StaffCredentials } from '../../scripts/network/start-network.js';
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
  onLine?: (role: NodeRole, line: string) => void;
  /** Only these nodes (default: all seven). */
  roles?: readonly NodeRole[];
}): Promise<Network> {
  const run = `${options.label}_${randomBytes(4).toString('hex')}`;
  const ports: Partial<Record<NodeRole, number>> = {};
  for (const role of NODE_ROLES) ports[role] = await freeFixedPort();
  return Network.start({
    registryPath: 'bus/agencies.json',
    natsUrl: SHARED_NATS,
    databaseServerUrl: databaseUrl('').replace(/\/$/, ''),
    databasePrefix: `t_${run}`,
    busPrefix: `test-${run.replace(/_/g, '-')}`,
    busStream: `TEST_${run}`,
    ackWaitMs: 2000,
    statisticsKey: options.statisticsKey,
    ports,
    env: {
      RETRY_BASE_MS: '200',
      RETRY_MAX_MS: '1000',
      OUTBOX_POLL_MS: '200',
      DB_HEALTH_POLL_MS: '300',
      NATS_RECONNECT_WAIT_MS: '500',
      RECEIPT_TIMEOUT_MS: '10000',
      LOG_LEVEL: 'log',
      ...(options.env ?? {}),
    },
    onLine: options.onLine,
    roles: options.roles,
  });
}

/** Creates `staff` on every node (reporting gets `reportingStaff`) and signs each in. */
export async function signInStaff(
  network: Network,
  staff: Array<{ username: string; role: string }>,
  reportingStaff: Array<{ username: string; role: string }> = staff,
): Promise<Map<string, StaffCredentials & { token: string }>> {
  const signedIn = new Map<string, StaffCredentials & { token: string }>();
  for (const role of network.nodes.keys()) {
    for (const account of await network.createStaff(role, role === 'reporting' ? reportingStaff : staff)) {
      signedIn.set(`${role}/${account.username}`, { ...account, token: await network.signIn(role, account.username, account.password) });
    }
  }
  return signedIn;
}

/** Stops the nodes and removes their stream and databases. */
export async function removeSevenNodes(network: Network | undefined): Promise<void> {
  if (!network) return;
  await network.stop();
  const nc = await connect({ servers: SHARED_NATS });
  await (await jetstreamManager(nc)).streams.delete(network.registry.network.stream).catch(() => undefined);
  await nc.close();
  for (const n of network.nodes.values()) await dropDatabase(databaseUrl(n.database));
}
