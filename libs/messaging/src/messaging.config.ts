import { accessSync, constants } from 'node:fs';
import { flag, number, optionalText, PREFIX_PATTERN, readConfig, setting, text, TOKEN_PATTERN } from '@rujukan/contracts';
import type { ConfigSchema, Env } from '@rujukan/contracts';

export { ConfigError } from '@rujukan/contracts';
import { loadSignedRegistry, RegistryRefused } from './registry/signed-registry.js';
import { DEFAULT_MAX_JSON_DEPTH } from './transport/json-limits.js';

const describeError = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Everything a node needs to reach the bus and pace its retries. */
export interface MessagingConfig {
  /** NATS server URLs; several for a cluster. */
  servers: string[];
  /** Subject prefix of this network (several networks or test runs share one server). */
  prefix: string;
  /** JetStream stream that holds the network's events (provisioned by the bus team). */
  stream: string;
  /** This node's agency id, as in the bus registry. */
  agency: string;
  /** This node's role: intake, shelter, health, ... */
  node: string;
  /** Whether this node also consumes broadcasts (reporting does). */
  broadcasts: boolean;
  /** Optional credentials issued by the bus team. */
  user?: string;
  password?: string;
  /** Reply inbox prefix the bus permissions allow this agency (default `_INBOX_<agency>` with credentials, else `_INBOX`). */
  inboxPrefix?: string;
  /** The agency's creds file from the bus team (`npm run bus -- credentials`), and the network's CA certificate for TLS. */
  credsFile?: string;
  caFile?: string;
  /** Wait between reconnect attempts; attempts never stop. */
  reconnectWaitMs: number;
  /** Transient failure: first redelivery delay, doubling up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Pause between database health checks while the database is down. */
  dbHealthPollMs: number;
  /** Events handled at once (different cases in parallel, one case in order). */
  concurrency: number;
  /**
   * How long one pull request waits at the server before the consumer pulls anew (heartbeats every half of it).
   * A pull the server forgot (its stream leader was lost in a cluster) is noticed after two missed heartbeats:
   * about this long, so this bounds how long deliveries stall after a leader change.
   */
  pullExpiresMs: number;
  /** A received event larger than this, or nesting deeper, is dead-lettered before it is parsed or transformed. */
  maxEventBytes: number;
  maxEventDepth: number;
  /** Outbox relay: polling interval, batch size, publish ack timeout. */
  outboxPollMs: number;
  outboxBatch: number;
  publishTimeoutMs: number;
  /** Re-send an addressed event when no receipt came back within this time. */
  receiptTimeoutMs: number;
  /**
   * Each further re-send waits twice as long as the one before, up to this: a receiver away for a week is not sent
   * thousands of copies, and a copy is always younger than the bus's retention of addressed events (14 days).
   */
  receiptResendMaxMs: number;
  /**
   * Broadcasts leave together, once per interval, in shuffled batches of at
   * most `broadcastBatch`: what was written within one interval cannot be
   * told apart by when it was sent (docs/security.md).
   */
  broadcastIntervalMs: number;
  broadcastBatch: number;
  /** Directory: how often the node renews its card, and after how long without renewal a card shows unreachable. */
  directoryHeartbeatMs: number;
  directoryStaleMs: number;
  /** The agency registry senders' roles are resolved from: the bus registry file (AGENCY_DIRECTORY). */
  agencyDirectory: string;
  /** The registry signed by the province's PPA office (AGENCY_REGISTRY) and its public key (AGENCY_REGISTRY_KEY); checked at boot. */
  agencyRegistry?: { path: string; keyPath: string };
  /** Development only: without AGENCY_REGISTRY, take senders' roles from AGENCY_DIRECTORY unsigned. */
  unsignedRegistry: boolean;
  /** How often a node reads the bus's copy of the signed registry (an update is taken without a restart). */
  registryPollMs: number;
  /** The node's key file (NODE_KEY_FILE): signs what it sends, opens what is sealed to it; made at first start. */
  nodeKeyFile?: string;
  /** Where the agencies' keys this node has seen are pinned (KEY_PINS_FILE; default beside the key file). */
  keyPinsFile?: string;
  /** Command-line runs: no relay, no consuming; the live node does both. */
  passive?: boolean;
}

export const MESSAGING_DEFAULTS = {
  broadcasts: false,
  reconnectWaitMs: 2000,
  retryBaseMs: 1000,
  retryMaxMs: 5 * 60 * 1000,
  dbHealthPollMs: 2000,
  concurrency: 4,
  pullExpiresMs: 5000,
  // NATS's default max payload is 1 MiB; our largest events are a few KiB.
  maxEventBytes: 256 * 1024,
  maxEventDepth: DEFAULT_MAX_JSON_DEPTH,
  outboxPollMs: 1000,
  outboxBatch: 100,
  publishTimeoutMs: 5000,
  receiptTimeoutMs: 5 * 60 * 1000,
  receiptResendMaxMs: 6 * 60 * 60 * 1000,
  broadcastIntervalMs: 60 * 60 * 1000,
  broadcastBatch: 100,
  directoryHeartbeatMs: 30_000,
  directoryStaleMs: 90_000,
  registryPollMs: 60_000,
} satisfies Partial<MessagingConfig>;

const positive = (name: string, fallback: number) =>
  number(name, { default: fallback, whole: true, min: 1, problem: (raw) => `${name}="${raw}" must be a positive whole number` });

/** An optional path that must name a readable file, checked at start rather than at the first connection. */
function readableFile(name: string, what: string) {
  return setting((env, report) => {
    const path = env[name]?.trim();
    if (!path) return undefined;
    try {
      accessSync(path, constants.R_OK);
    } catch {
      report(`${name}="${path}" is not a readable file: it must name ${what}`);
    }
    return path;
  });
}

/** The variables of a node's messaging (docs/messaging.md lists them). */
export const MESSAGING_SCHEMA = {
  servers: setting((env, report) => {
    const servers = (env.NATS_URL?.trim() || 'nats://127.0.0.1:4222')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const s of servers) if (!/^(nats|tls):\/\/[^\s]+$/.test(s)) report(`NATS_URL entry "${s}" must look like nats://host:port`);
    return servers;
  }),
  prefix: text('BUS_PREFIX', { default: 'rujukan', pattern: PREFIX_PATTERN }),
  stream: text('BUS_STREAM', { default: 'RUJUKAN', pattern: /^[A-Za-z0-9_-]+$/ }),
  agency: text('AGENCY_ID', { pattern: TOKEN_PATTERN }),
  node: text('NODE_ROLE', { pattern: TOKEN_PATTERN }),
  broadcasts: flag('BUS_BROADCASTS', { default: MESSAGING_DEFAULTS.broadcasts }),
  user: optionalText('NATS_USER'),
  password: optionalText('NATS_PASSWORD', { trim: false }),
  inboxPrefix: optionalText('NATS_INBOX_PREFIX'),
  credsFile: readableFile('NATS_CREDS', 'the creds file the bus team issued to this agency'),
  caFile: readableFile('NATS_CA', "the network's CA certificate (tls/ca.pem from the bus team)"),
  reconnectWaitMs: positive('NATS_RECONNECT_WAIT_MS', MESSAGING_DEFAULTS.reconnectWaitMs),
  retryBaseMs: positive('RETRY_BASE_MS', MESSAGING_DEFAULTS.retryBaseMs),
  retryMaxMs: positive('RETRY_MAX_MS', MESSAGING_DEFAULTS.retryMaxMs),
  dbHealthPollMs: positive('DB_HEALTH_POLL_MS', MESSAGING_DEFAULTS.dbHealthPollMs),
  concurrency: positive('EVENT_CONCURRENCY', MESSAGING_DEFAULTS.concurrency),
  pullExpiresMs: number('BUS_PULL_EXPIRES_MS', {
    default: MESSAGING_DEFAULTS.pullExpiresMs,
    whole: true,
    min: 1000,
    max: 60000,
    problem: (raw) => `BUS_PULL_EXPIRES_MS="${raw}" must be a whole number of milliseconds from 1000 to 60000`,
  }),
  maxEventBytes: positive('BUS_MAX_EVENT_BYTES', MESSAGING_DEFAULTS.maxEventBytes),
  maxEventDepth: positive('BUS_MAX_EVENT_DEPTH', MESSAGING_DEFAULTS.maxEventDepth),
  outboxPollMs: positive('OUTBOX_POLL_MS', MESSAGING_DEFAULTS.outboxPollMs),
  outboxBatch: positive('OUTBOX_BATCH', MESSAGING_DEFAULTS.outboxBatch),
  publishTimeoutMs: positive('PUBLISH_TIMEOUT_MS', MESSAGING_DEFAULTS.publishTimeoutMs),
  receiptTimeoutMs: positive('RECEIPT_TIMEOUT_MS', MESSAGING_DEFAULTS.receiptTimeoutMs),
  receiptResendMaxMs: positive('RECEIPT_RESEND_MAX_MS', MESSAGING_DEFAULTS.receiptResendMaxMs),
  broadcastIntervalMs: positive('BROADCAST_INTERVAL_MS', MESSAGING_DEFAULTS.broadcastIntervalMs),
  broadcastBatch: positive('BROADCAST_BATCH', MESSAGING_DEFAULTS.broadcastBatch),
  directoryHeartbeatMs: positive('DIRECTORY_HEARTBEAT_MS', MESSAGING_DEFAULTS.directoryHeartbeatMs),
  directoryStaleMs: positive('DIRECTORY_STALE_MS', MESSAGING_DEFAULTS.directoryStaleMs),
  unsignedRegistry: flag('AGENCY_REGISTRY_UNSIGNED', { default: false }),
  nodeKeyFile: optionalText('NODE_KEY_FILE'),
  keyPinsFile: setting((env) => {
    const pins = env.KEY_PINS_FILE?.trim();
    const keyFile = env.NODE_KEY_FILE?.trim();
    return pins || (keyFile ? `${keyFile.replace(/\.json$/, '')}.pins.json` : undefined);
  }),
  registryPollMs: positive('REGISTRY_POLL_MS', MESSAGING_DEFAULTS.registryPollMs),
  agencyDirectory: text('AGENCY_DIRECTORY', { default: 'bus/agencies.json' }),
  agencyRegistry: setting((env, report) => {
    const path = env.AGENCY_REGISTRY?.trim();
    const keyPath = env.AGENCY_REGISTRY_KEY?.trim();
    if (!path && !keyPath) return undefined;
    if (!path || !keyPath) {
      report('AGENCY_REGISTRY (the registry the PPA office signed) and AGENCY_REGISTRY_KEY (its public key) go together: set both');
      return undefined;
    }
    try {
      loadSignedRegistry(path, keyPath);
    } catch (err) {
      report(
        err instanceof RegistryRefused
          ? err.message
          : `AGENCY_REGISTRY or AGENCY_REGISTRY_KEY is not a readable file: ${describeError(err)}`,
      );
      return undefined;
    }
    return { path, keyPath };
  }),
} satisfies ConfigSchema;

/** Reads messaging settings from environment variables; throws one ConfigError naming every wrong one. */
export function messagingConfigFromEnv(env: Env = process.env): MessagingConfig {
  return readConfig(MESSAGING_SCHEMA, env);
}

/** Durable consumer names, fixed by convention so the bus team and the node agree. */
export function consumerNames(agency: string): { inbox: string; broadcast: string; directory: string } {
  return { inbox: `${agency}-inbox`, broadcast: `${agency}-broadcast`, directory: `${agency}-directory` };
}

/**
 * The stream that holds the events addressed to one agency (docs/messaging.md "Streams"). Each agency's inbox has its
 * own stream, kept only until read plus the bus team's retention; the network's stream (`stream`) keeps the
 * broadcasts for rebuilds. Agency ids are lower case with hyphens, so the upper-cased name maps back to one agency.
 */
export function addressedStream(stream: string, agency: string): string {
  return `${stream}_TO_${agency.toUpperCase().replaceAll('-', '_')}`;
}

/** One durable consumer a node reads, and the streams it may sit on, the current layout's first. */
export interface ConsumerPlace {
  name: string;
  /** `[addressed stream, network stream]` for an inbox: the second holds it on a bus not yet migrated (`migrate-streams`). */
  streams: string[];
}

/** The consumers an agency's node reads, where each sits. */
export function consumerPlaces(c: { stream: string; agency: string; broadcasts: boolean }): ConsumerPlace[] {
  const names = consumerNames(c.agency);
  const inbox = { name: names.inbox, streams: [addressedStream(c.stream, c.agency), c.stream] };
  return c.broadcasts ? [inbox, { name: names.broadcast, streams: [c.stream] }] : [inbox];
}

/** Fixed name of the consumer a reporting agency may create to rebuild its projections from the broadcasts. */
export function rebuildConsumerName(agency: string): string {
  return `${agency}-rebuild`;
}

/** The inbox prefix an agency's node uses for replies (NATS_INBOX_PREFIX); nobody else may subscribe under it. */
export function agencyInboxPrefix(agency: string): string {
  return `_INBOX_${agency}`;
}
