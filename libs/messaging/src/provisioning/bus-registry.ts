import { readFileSync } from 'node:fs';
import { PREFIX_PATTERN, TOKEN_PATTERN } from '@rujukan/contracts';

/** One agency on the network: the bus team's record of who may use what. */
export interface AgencyEntry {
  /** Subject token and consumer name stem, e.g. `uptd-ppa-tanjungpinang`. */
  id: string;
  /** Node role it runs: intake, shelter, health, rehabilitation, legal-aid, reintegration, reporting. */
  node: string;
  /** Human name, e.g. "UPTD PPA Kota Tanjungpinang". */
  name: string;
  /** Also reads broadcast events (reporting does). */
  broadcasts?: boolean;
  /** District (kabupaten/kota) it serves, shown in the directory. */
  district?: string;
  /** When it can be reached, shown in the directory, e.g. "Senin-Jumat 08.00-16.00; hotline 24 jam". */
  contactHours?: string;
}

/** The provincial bus team's registry file (bus/agencies.json). */
export interface BusRegistry {
  network: {
    prefix: string;
    stream: string;
    /** 1 for one server; 3 on a three-server cluster. */
    replicas: number;
    /** Keep broadcasts this long (days): they are what reporting rebuilds from. */
    maxAgeDays: number;
    /** Stream size limit; when full, new events are refused and wait in the outboxes. */
    maxBytes: number;
    /**
     * Keep an addressed event this long after it was sent (days; default 14). Set it to at least the nodes' backup
     * interval: a node restored from a backup needs the events it applied since. An event not yet receipted is sent
     * again by its sender's outbox, so a receiver offline for longer still gets it.
     */
    addressedMaxAgeDays?: number;
    /** Size limit of each agency's addressed stream (default `maxBytes`): one agency's backlog cannot fill another's. */
    addressedMaxBytes?: number;
    /** Publish dedup window (ms). */
    duplicateWindowMs: number;
  };
  consumers: {
    /** Redelivery after this long without an ack (ms). */
    ackWaitMs: number;
    maxAckPending: number;
  };
  agencies: AgencyEntry[];
}

/** Reads and checks a registry file; throws with every problem listed. */
export function loadRegistry(path: string): BusRegistry {
  const registry = JSON.parse(readFileSync(path, 'utf8')) as BusRegistry;
  const problems = registryProblems(registry);
  if (problems.length) throw new Error(`bus registry ${path} is invalid:\n  - ${problems.join('\n  - ')}`);
  return registry;
}

export function registryProblems(r: BusRegistry): string[] {
  const p: string[] = [];
  const n = r?.network;
  if (!n) return ['network section missing'];
  if (!PREFIX_PATTERN.test(n.prefix ?? '')) p.push(`network.prefix must match ${PREFIX_PATTERN}`);
  if (!/^[A-Za-z0-9_-]+$/.test(n.stream ?? '')) p.push('network.stream must be letters, digits, _ or -');
  if (![1, 3, 5].includes(n.replicas)) p.push('network.replicas must be 1, 3 or 5');
  for (const k of ['maxAgeDays', 'maxBytes', 'duplicateWindowMs'] as const) {
    if (!(Number(n[k]) > 0)) p.push(`network.${k} must be a positive number`);
  }
  for (const k of ['addressedMaxAgeDays', 'addressedMaxBytes'] as const) {
    if (n[k] !== undefined && !(Number(n[k]) > 0)) p.push(`network.${k} must be a positive number when set`);
  }
  if (!(r.consumers?.ackWaitMs > 0)) p.push('consumers.ackWaitMs must be positive');
  if (!(r.consumers?.maxAckPending > 0)) p.push('consumers.maxAckPending must be positive');
  const seen = new Set<string>();
  for (const a of r.agencies ?? []) {
    if (!TOKEN_PATTERN.test(a.id ?? '')) p.push(`agency id "${a.id}" must match ${TOKEN_PATTERN}`);
    if (a.id === 'all') p.push('agency id "all" is reserved for broadcasts');
    if (seen.has(a.id)) p.push(`agency id "${a.id}" appears twice`);
    seen.add(a.id);
    if (!TOKEN_PATTERN.test(a.node ?? '')) p.push(`agency ${a.id}: node must match ${TOKEN_PATTERN}`);
  }
  if (!r.agencies?.length) p.push('agencies must list at least one agency');
  return p;
}

/** The addressed streams' retention and size as the registry sets them, with their defaults. */
export function addressedLimits(r: BusRegistry): { maxAgeDays: number; maxBytes: number } {
  return { maxAgeDays: r.network.addressedMaxAgeDays ?? 14, maxBytes: r.network.addressedMaxBytes ?? r.network.maxBytes };
}
