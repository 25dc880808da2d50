import { PREFIX_PATTERN, TOKEN_PATTERN } from '@rujukan/contracts';
import { DEFAULT_MAX_JSON_DEPTH } from './transport/json-limits.js';

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
  /** Reply inbox prefix the bus permissions allow this agency (default `_INBOX`). */
  inboxPrefix?: string;
  /** Wait between reconnect attempts; attempts never stop. */
  reconnectWaitMs: number;
  /** Transient failure: first redelivery delay, doubling up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Pause between database health checks while the database is down. */
  dbHealthPollMs: number;
  /** Events handled at once (different cases in parallel, one case in order). */
  concurrency: number;
  /** A received event larger than this, or nesting deeper, is dead-lettered before it is parsed or transformed. */
  maxEventBytes: number;
  maxEventDepth: number;
  /** Outbox relay: polling interval, batch size, publish ack timeout. */
  outboxPollMs: number;
  outboxBatch: number;
  publishTimeoutMs: number;
  /** Re-send an addressed event when no receipt came back within this time. */
  receiptTimeoutMs: number;
  /** Directory: how often the node renews its card, and after how long without renewal a card shows unreachable. */
  directoryHeartbeatMs: number;
  directoryStaleMs: number;
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
  // NATS's default max payload is 1 MiB; our largest events are a few KiB.
  maxEventBytes: 256 * 1024,
  maxEventDepth: DEFAULT_MAX_JSON_DEPTH,
  outboxPollMs: 1000,
  outboxBatch: 100,
  publishTimeoutMs: 5000,
  receiptTimeoutMs: 5 * 60 * 1000,
  directoryHeartbeatMs: 30_000,
  directoryStaleMs: 90_000,
} satisfies Partial<MessagingConfig>;

type Env = Record<string, string | undefined>;

/** Raised at boot with every wrong variable named, so the operator can fix them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads messaging settings from environment variables (docs/messaging.md lists them). */
export function messagingConfigFromEnv(env: Env = process.env): MessagingConfig {
  const problems: string[] = [];
  const text = (name: string, pattern?: RegExp, fallback?: string): string => {
    const value = env[name]?.trim() || fallback;
    if (!value) {
      problems.push(`${name} is required`);
      return '';
    }
    if (pattern && !pattern.test(value)) problems.push(`${name}="${value}" must match ${pattern}`);
    return value;
  };
  const ms = (name: string, fallback: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) problems.push(`${name}="${raw}" must be a positive whole number`);
    return value;
  };
  const servers = text('NATS_URL', undefined, 'nats://127.0.0.1:4222')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of servers) if (!/^(nats|tls):\/\/[^\s]+$/.test(s)) problems.push(`NATS_URL entry "${s}" must look like nats://host:port`);
  const broadcastsRaw = env.BUS_BROADCASTS?.trim();
  if (broadcastsRaw && !['true', 'false'].includes(broadcastsRaw)) problems.push(`BUS_BROADCASTS must be true or false`);
  const config: MessagingConfig = {
    servers,
    prefix: text('BUS_PREFIX', PREFIX_PATTERN, 'rujukan'),
    stream: text('BUS_STREAM', /^[A-Za-z0-9_-]+$/, 'RUJUKAN'),
    agency: text('AGENCY_ID', TOKEN_PATTERN),
    node: text('NODE_ROLE', TOKEN_PATTERN),
    broadcasts: broadcastsRaw === 'true',
    user: env.NATS_USER?.trim() || undefined,
    password: env.NATS_PASSWORD || undefined,
    inboxPrefix: env.NATS_INBOX_PREFIX?.trim() || undefined,
    reconnectWaitMs: ms('NATS_RECONNECT_WAIT_MS', MESSAGING_DEFAULTS.reconnectWaitMs),
    retryBaseMs: ms('RETRY_BASE_MS', MESSAGING_DEFAULTS.retryBaseMs),
    retryMaxMs: ms('RETRY_MAX_MS', MESSAGING_DEFAULTS.retryMaxMs),
    dbHealthPollMs: ms('DB_HEALTH_POLL_MS', MESSAGING_DEFAULTS.dbHealthPollMs),
    concurrency: ms('EVENT_CONCURRENCY', MESSAGING_DEFAULTS.concurrency),
    maxEventBytes: ms('BUS_MAX_EVENT_BYTES', MESSAGING_DEFAULTS.maxEventBytes),
    maxEventDepth: ms('BUS_MAX_EVENT_DEPTH', MESSAGING_DEFAULTS.maxEventDepth),
    outboxPollMs: ms('OUTBOX_POLL_MS', MESSAGING_DEFAULTS.outboxPollMs),
    outboxBatch: ms('OUTBOX_BATCH', MESSAGING_DEFAULTS.outboxBatch),
    publishTimeoutMs: ms('PUBLISH_TIMEOUT_MS', MESSAGING_DEFAULTS.publishTimeoutMs),
    receiptTimeoutMs: ms('RECEIPT_TIMEOUT_MS', MESSAGING_DEFAULTS.receiptTimeoutMs),
    directoryHeartbeatMs: ms('DIRECTORY_HEARTBEAT_MS', MESSAGING_DEFAULTS.directoryHeartbeatMs),
    directoryStaleMs: ms('DIRECTORY_STALE_MS', MESSAGING_DEFAULTS.directoryStaleMs),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** Durable consumer names, fixed by convention so the bus team and the node agree. */
export function consumerNames(agency: string): { inbox: string; broadcast: string } {
  return { inbox: `${agency}-inbox`, broadcast: `${agency}-broadcast` };
}
