import { BlockList, isIP } from 'node:net';
import { number, setting } from '@rujukan/contracts';
import type { ConfigSchema } from '@rujukan/contracts';

export const OPERATIONS_SETTINGS = Symbol('OPERATIONS_SETTINGS');

/** What readiness tolerates and who may scrape the metrics. */
export interface OperationsSettings {
  /** Unready when more events than this wait in the outbox (default 1000). */
  readyOutboxMax: number;
  /** Unready when the oldest unsent event is older than this (default 300 s). */
  readyOutboxMaxAgeSeconds: number;
  /** Addresses allowed to read GET /metrics (METRICS_ALLOW, default loopback only). */
  metricsAllow: BlockList;
  /** The same list as written, for messages and docs. */
  metricsAllowText: string[];
}

const DEFAULT_ALLOW = '127.0.0.1,::1';

/** `METRICS_ALLOW`: addresses and CIDR ranges, comma-separated (`10.20.0.0/16,192.168.1.7`). */
const metricsAllow = setting((env, report) => {
  const entries = (env.METRICS_ALLOW?.trim() || DEFAULT_ALLOW)
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits, ...more] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || more.length || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      report(`METRICS_ALLOW entry "${entry}" is not an IP address or CIDR range (10.20.0.0/16, 192.168.1.7, ::1)`);
      continue;
    }
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
    // An IPv4 client can reach an IPv6 socket as ::ffff:a.b.c.d.
    if (family === 4) list.addSubnet(`::ffff:${address}`, 96 + prefix, 'ipv6');
  }
  return { list, entries };
});

/** The variables of readiness and metrics. */
export const OPERATIONS_SCHEMA = {
  readyOutboxMax: number('READY_OUTBOX_MAX', {
    default: 1000,
    whole: true,
    min: 1,
    problem: (_, given) => `READY_OUTBOX_MAX="${given}" must be a whole number of events, at least 1`,
  }),
  readyOutboxMaxAgeSeconds: number('READY_OUTBOX_MAX_AGE_SECONDS', {
    default: 300,
    whole: true,
    min: 1,
    problem: (_, given) => `READY_OUTBOX_MAX_AGE_SECONDS="${given}" must be a whole number of seconds, at least 1`,
  }),
  metricsAllow,
} satisfies ConfigSchema;
