import { AckPolicy, DeliverPolicy, DiscardPolicy, JetStreamManager, ReplayPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { broadcastFilter, inboxFilter } from '@rujukan/contracts';
import { Kvm } from '@nats-io/kv';
import { addressedStream, consumerNames } from '../messaging.config.js';
import { directoryBucket, type AgencyCard } from '../directory/agency-card.js';
import { reportsBucket, type NodeReport } from '../operations/node-report.js';
import { registryBucket } from '../registry/registry-on-bus.js';
import { addressedLimits, BusRegistry } from './bus-registry.js';

export interface ProvisionReport {
  /** The network's stream (broadcasts) first, then each agency's addressed stream. */
  streams: Array<{ name: string; subjects: string[]; action: 'created' | 'updated' }>;
  /** The directory's key-value bucket (each agency's node announces its card there). */
  directory: string;
  /** The nodes' reports bucket (each node's counts for the bus team). */
  reports: string;
  consumers: Array<{ name: string; stream: string; filter: string; action: 'created' | 'updated' }>;
}

/** Every durable consumer the registry calls for, with the stream it sits on and its filter subject. */
export function plannedConsumers(registry: BusRegistry): Array<{ agency: string; name: string; stream: string; filter: string }> {
  const { prefix, stream } = registry.network;
  return registry.agencies.flatMap((a) => {
    const names = consumerNames(a.id);
    const list = [{ agency: a.id, name: names.inbox, stream: addressedStream(stream, a.id), filter: inboxFilter(prefix, a.id) }];
    if (a.broadcasts) list.push({ agency: a.id, name: names.broadcast, stream, filter: broadcastFilter(prefix) });
    return list;
  });
}

/**
 * The network's streams as the registry lays them out (docs/messaging.md "Streams"): the network's stream holds only
 * the broadcasts, for as long as `maxAgeDays`; each agency's addressed events have a stream of their own, kept
 * `addressedMaxAgeDays`. No two overlap, as nats-server 2.9 requires.
 */
export function plannedStreams(registry: BusRegistry): Array<{ name: string; subjects: string[]; maxAgeDays: number; maxBytes: number }> {
  const n = registry.network;
  const addressed = addressedLimits(registry);
  return [
    { name: n.stream, subjects: [broadcastFilter(n.prefix)], maxAgeDays: n.maxAgeDays, maxBytes: n.maxBytes },
    ...registry.agencies.map((a) => ({ name: addressedStream(n.stream, a.id), subjects: [inboxFilter(n.prefix, a.id)], ...addressed })),
  ];
}

/** An agency's durable pull consumer as the bus team provisions it. */
function consumerConfig(registry: BusRegistry, c: { name: string; filter: string }) {
  return {
    durable_name: c.name,
    filter_subject: c.filter,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(registry.consumers.ackWaitMs),
    // Unlimited: transient failures retry forever; permanent ones are
    // dead-lettered by the node itself, with their reason.
    max_deliver: -1,
    max_ack_pending: registry.consumers.maxAckPending,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
  };
}

/** Refused: the events from `fromSeq` on that a consumer would need are no longer on its stream. */
export class EventsExpiredError extends Error {
  constructor(consumer: string, stream: string, fromSeq: number, firstSeq: number, maxAgeDays: number) {
    super(
      `consumer ${consumer}: stream ${stream} no longer holds sequences ${fromSeq} to ${firstSeq - 1} (it keeps events ${maxAgeDays} days). ` +
        `The backup is older than the bus keeps events: restore a newer one, or pass --accept-gap to resume from ${firstSeq} knowing those events are lost to this node.`,
    );
    this.name = 'EventsExpiredError';
  }
}

/**
 * Makes a consumer deliver again from a stream sequence: for a node restored
 * from a backup (docs/reliability.md). The consumer is deleted and made anew,
 * as provisioning makes it, starting at `fromSeq`; everything the node applied
 * after that point is redelivered and its inbox makes it a no-op. The node
 * must be stopped while this runs. Refused when the stream no longer holds
 * every event from `fromSeq` on (unless `acceptGap`).
 */
export async function resetConsumer(
  jsm: JetStreamManager,
  registry: BusRegistry,
  name: string,
  fromSeq: number,
  options: { acceptGap?: boolean } = {},
): Promise<{ name: string; stream: string; fromSeq: number }> {
  const planned = plannedConsumers(registry).find((c) => c.name === name);
  if (!planned) throw new Error(`the registry plans no consumer named ${name}`);
  if (!Number.isInteger(fromSeq) || fromSeq < 1) throw new Error(`the start sequence must be a whole number from 1 (got ${fromSeq})`);
  const { state, config } = await jsm.streams.info(planned.stream);
  if (fromSeq < state.first_seq && !options.acceptGap) {
    throw new EventsExpiredError(name, planned.stream, fromSeq, state.first_seq, config.max_age / (24 * 3600 * 1e9));
  }
  await jsm.consumers.delete(planned.stream, name).catch((err: { name?: string }) => {
    if (err.name !== 'ConsumerNotFoundError') throw err;
  });
  await jsm.consumers.add(planned.stream, {
    ...consumerConfig(registry, planned),
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: fromSeq,
  });
  return { name, stream: planned.stream, fromSeq };
}

/** Every stream provisionBus makes for a network: its own, its agencies' and its buckets'. What a test's or a bench's teardown deletes. */
export function provisionedStreams(registry: BusRegistry): string[] {
  const stream = registry.network.stream;
  return [
    ...plannedStreams(registry).map((s) => s.name),
    `KV_${directoryBucket(stream)}`,
    `KV_${registryBucket(stream)}`,
    `KV_${reportsBucket(stream)}`,
  ];
}

/** Refused: the network's stream still captures every subject, addressed ones too (the layout before per-agency streams). */
export class OldStreamLayoutError extends Error {
  constructor(stream: string, subjects: string[]) {
    super(
      `stream ${stream} captures ${subjects.join(', ')}: the bus is laid out the old way, addressed events and broadcasts in one stream. ` +
        `Run "npm run bus -- migrate-streams" once (docs/messaging.md "Streams"); it moves every undelivered event.`,
    );
    this.name = 'OldStreamLayoutError';
  }
}

/** Whether the network's stream is laid out the old way: one stream for every subject under the prefix. */
export async function oldLayout(jsm: JetStreamManager, registry: BusRegistry): Promise<string[] | undefined> {
  const info = await jsm.streams.info(registry.network.stream).catch((err: { name?: string }) => {
    if (err.name === 'StreamNotFoundError') return undefined;
    throw err;
  });
  const subjects = info?.config.subjects ?? [];
  const broadcasts = broadcastFilter(registry.network.prefix);
  return subjects.some((s) => s !== broadcasts) ? subjects : undefined;
}

/** Creates a stream or brings its mutable settings to the plan's. */
async function ensureStream(
  jsm: JetStreamManager,
  registry: BusRegistry,
  plan: ReturnType<typeof plannedStreams>[number],
): Promise<'created' | 'updated'> {
  const maxAge = plan.maxAgeDays * 24 * 3600 * 1000;
  const config = {
    name: plan.name,
    subjects: plan.subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: registry.network.replicas,
    max_age: nanos(maxAge),
    max_bytes: plan.maxBytes,
    // A full stream refuses new events rather than dropping old ones: the
    // refused events wait in the senders' outboxes.
    discard: DiscardPolicy.New,
    // The server refuses a dedup window longer than the stream keeps its events.
    duplicate_window: nanos(Math.min(registry.network.duplicateWindowMs, maxAge)),
  };
  try {
    await jsm.streams.info(plan.name);
  } catch (err) {
    if ((err as { name?: string }).name !== 'StreamNotFoundError') throw err;
    await jsm.streams.add(config);
    return 'created';
  }
  const { name: _name, storage: _storage, ...mutable } = config;
  await jsm.streams.update(plan.name, mutable);
  return 'updated';
}

/**
 * Creates or updates the network's streams and every agency's durable pull
 * consumer from the registry. Idempotent: run it after every registry change.
 * Only the bus team runs this; nodes only check that their consumers exist.
 * A bus laid out the old way is refused: `migrateStreams` moves it first.
 */
export async function provisionBus(jsm: JetStreamManager, registry: BusRegistry): Promise<ProvisionReport> {
  const n = registry.network;
  const old = await oldLayout(jsm, registry);
  if (old) throw new OldStreamLayoutError(n.stream, old);
  const streams: ProvisionReport['streams'] = [];
  for (const plan of plannedStreams(registry)) {
    streams.push({ name: plan.name, subjects: plan.subjects, action: await ensureStream(jsm, registry, plan) });
  }

  // One card per agency, the latest only; nodes renew theirs every heartbeat.
  const directory = directoryBucket(n.stream);
  const directoryStream = `KV_${directory}`;
  try {
    await jsm.streams.info(directoryStream);
  } catch (err) {
    if ((err as { name?: string }).name !== 'StreamNotFoundError') throw err;
    await new Kvm(jsm.jetstream()).create(directory, { history: 1, replicas: n.replicas, storage: StorageType.File });
  }
  // An agency may write only its own card's subject, but a roll-up header on that one message would
  // purge every other card: the bucket refuses roll-ups, purges and deletes (a card is replaced, never removed).
  await jsm.streams.update(directoryStream, { allow_rollup_hdrs: false, deny_purge: true, deny_delete: true });
  // The signed agency registry's copy on the bus: one entry the bus team replaces, that every node reads.
  const registryStream = `KV_${registryBucket(n.stream)}`;
  try {
    await jsm.streams.info(registryStream);
  } catch (err) {
    if ((err as { name?: string }).name !== 'StreamNotFoundError') throw err;
    await new Kvm(jsm.jetstream()).create(registryBucket(n.stream), { history: 5, replicas: n.replicas, storage: StorageType.File });
  }
  await jsm.streams.update(registryStream, { allow_rollup_hdrs: false, deny_purge: true, deny_delete: true });
  // Each node's counts for the bus team, the latest only, guarded like the directory.
  const reports = reportsBucket(n.stream);
  const reportsStream = `KV_${reports}`;
  try {
    await jsm.streams.info(reportsStream);
  } catch (err) {
    if ((err as { name?: string }).name !== 'StreamNotFoundError') throw err;
    await new Kvm(jsm.jetstream()).create(reports, { history: 1, replicas: n.replicas, storage: StorageType.File });
  }
  await jsm.streams.update(reportsStream, { allow_rollup_hdrs: false, deny_purge: true, deny_delete: true });
  // Intake follows the directory through a consumer the bus team makes: agencies create no consumers on it.
  for (const a of registry.agencies.filter((x) => x.node === 'intake')) {
    const name = consumerNames(a.id).directory;
    const exists = await jsm.consumers.info(directoryStream, name).then(
      () => true,
      (err: { name?: string }) => {
        if (err.name !== 'ConsumerNotFoundError') throw err;
        return false;
      },
    );
    if (!exists) {
      await jsm.consumers.add(directoryStream, {
        durable_name: name,
        filter_subject: `$KV.${directory}.>`,
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(registry.consumers.ackWaitMs),
        max_deliver: -1,
        deliver_policy: DeliverPolicy.LastPerSubject,
      });
    }
  }

  const consumers: ProvisionReport['consumers'] = [];
  for (const c of plannedConsumers(registry)) {
    const config = consumerConfig(registry, c);
    let existing;
    try {
      existing = await jsm.consumers.info(c.stream, c.name);
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConsumerNotFoundError') throw err;
    }
    if (!existing) {
      await jsm.consumers.add(c.stream, config);
      consumers.push({ name: c.name, stream: c.stream, filter: c.filter, action: 'created' });
      continue;
    }
    if (existing.config.filter_subject !== c.filter) {
      throw new Error(`consumer ${c.name} filters ${existing.config.filter_subject}, registry says ${c.filter}: delete it by hand first`);
    }
    await jsm.consumers.update(c.stream, c.name, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending });
    consumers.push({ name: c.name, stream: c.stream, filter: c.filter, action: 'updated' });
  }
  return { streams, directory, reports, consumers };
}

/** One consumer's lag as the bus reports it, or missing. */
export type ConsumerLag =
  { consumer: string; pending: number; unacked: number; redelivered: number; missing?: undefined } | { consumer: string; missing: true };

/** One agency as the bus team sees it: its consumers' lag, its directory card and its node's last report. */
export interface AgencyStatus {
  agency: string;
  node: string;
  consumers: ConsumerLag[];
  /** When the bus last stored the agency's card, and whether the node said it stopped; undefined if it never announced. */
  card?: { seenAt: Date; stoppedAt?: string };
  /** The node's last report of its counts (never events), and when the bus stored it. */
  report?: NodeReport & { storedAt: Date };
  /** `up`, `stopped` (it said so), `silent` (no card within the stale window) or `never-seen`. */
  state: 'up' | 'stopped' | 'silent' | 'never-seen';
}

/**
 * The bus team's view: each stream's size and, per agency, its consumers' lag,
 * when its directory card was last seen, and the counts its node reports.
 */
export async function busStatus(jsm: JetStreamManager, registry: BusRegistry, options: { staleMs?: number; now?: Date } = {}) {
  const staleMs = options.staleMs ?? 90_000;
  const now = options.now ?? new Date();
  const streams: Array<{ name: string; messages: number; bytes: number; missing?: true }> = [];
  for (const plan of plannedStreams(registry)) {
    const info = await jsm.streams.info(plan.name).catch(() => undefined);
    streams.push(
      info
        ? { name: plan.name, messages: info.state.messages, bytes: info.state.bytes }
        : { name: plan.name, messages: 0, bytes: 0, missing: true },
    );
  }
  const consumers: ConsumerLag[] = [];
  for (const c of plannedConsumers(registry)) {
    try {
      const info = await jsm.consumers.info(c.stream, c.name);
      consumers.push({ consumer: c.name, pending: info.num_pending, unacked: info.num_ack_pending, redelivered: info.num_redelivered });
    } catch {
      consumers.push({ consumer: c.name, missing: true });
    }
  }
  const kvm = new Kvm(jsm.jetstream());
  const open = (bucket: string) => kvm.open(bucket).catch(() => undefined);
  const [directory, reports] = await Promise.all([
    open(directoryBucket(registry.network.stream)),
    open(reportsBucket(registry.network.stream)),
  ]);
  const agencies: AgencyStatus[] = [];
  for (const a of registry.agencies) {
    const names = consumerNames(a.id);
    const mine = consumers.filter((c) => c.consumer === names.inbox || c.consumer === names.broadcast);
    const cardEntry = await directory?.get(a.id).catch(() => null);
    const reportEntry = await reports?.get(a.id).catch(() => null);
    const card = cardEntry?.value.length ? parse<AgencyCard>(cardEntry.string()) : undefined;
    const report = reportEntry?.value.length ? parse<NodeReport>(reportEntry.string()) : undefined;
    const seen = cardEntry && card ? { seenAt: cardEntry.created, ...(card.stoppedAt ? { stoppedAt: card.stoppedAt } : {}) } : undefined;
    const state: AgencyStatus['state'] = !seen
      ? 'never-seen'
      : seen.stoppedAt
        ? 'stopped'
        : now.getTime() - seen.seenAt.getTime() > staleMs
          ? 'silent'
          : 'up';
    agencies.push({
      agency: a.id,
      node: a.node,
      consumers: mine,
      card: seen,
      report: report && reportEntry ? { ...report, storedAt: reportEntry.created } : undefined,
      state,
    });
  }
  return {
    messages: streams.reduce((sum, s) => sum + s.messages, 0),
    bytes: streams.reduce((sum, s) => sum + s.bytes, 0),
    streams,
    consumers,
    agencies,
  };
}

function parse<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
