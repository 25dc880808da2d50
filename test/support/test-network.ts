import { randomBytes } from 'node:crypto';
import { jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { AgencyEntry, BusRegistry, plannedStreams, provisionBus, provisionedStreams } from '@rujukan/messaging';

export const SHARED_NATS = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * Byte limits of a test run's streams. JetStream reserves each stream's limit
 * on the server's disk when the stream is made, and the shared server's store
 * is a share of whatever disk the machine has free: a run that kept the
 * registry's production sizes (2 GiB for each agency's stream) ran the CI
 * server out of storage with two test files at once.
 */
export const TEST_STREAM_BYTES = { network: 128 * 1024 * 1024, addressed: 32 * 1024 * 1024 } as const;
/** The most one test network may reserve on the shared server, all its streams together. */
export const TEST_RESERVATION_LIMIT = 1024 ** 3;

/** Refuses streams that would reserve (or did reserve) more than a test may: the failure names them. */
export function assertTestReservation(planned: ReadonlyArray<{ name: string; maxBytes: number }>): void {
  const total = planned.reduce((sum, s) => sum + Math.max(0, s.maxBytes), 0); // -1: no limit (a bucket), nothing reserved
  if (total > TEST_RESERVATION_LIMIT)
    throw new Error(
      `this test's streams would reserve ${(total / 1024 ** 2).toFixed(0)} MiB on the shared server (limit ` +
        `${TEST_RESERVATION_LIMIT / 1024 ** 2} MiB): ${planned.map((s) => `${s.name} ${(s.maxBytes / 1024 ** 2).toFixed(0)} MiB`).join(', ')}`,
    );
}

/**
 * A bus registry of the test's own: a unique prefix and stream per run, so
 * runs never meet what an earlier run left on the shared server.
 */
export function testRegistry(agencies: AgencyEntry[], overrides: { ackWaitMs?: number } = {}): BusRegistry {
  const id = randomBytes(4).toString('hex');
  return {
    network: {
      prefix: `test-${id}`,
      stream: `TEST_${id}`,
      replicas: 1,
      maxAgeDays: 1,
      maxBytes: TEST_STREAM_BYTES.network,
      addressedMaxBytes: TEST_STREAM_BYTES.addressed,
      duplicateWindowMs: 120000,
    },
    consumers: { ackWaitMs: overrides.ackWaitMs ?? 1500, maxAckPending: 1000 },
    agencies,
  };
}

/** An admin connection to a server: provisions the test registry (the same code as `npm run bus -- provision`). */
export class BusAdmin {
  private constructor(
    readonly nc: NatsConnection,
    readonly jsm: JetStreamManager,
    readonly registry: BusRegistry,
  ) {}

  static async provision(url: string, registry: BusRegistry): Promise<BusAdmin> {
    if (url === SHARED_NATS) assertTestReservation(plannedStreams(registry));
    const admin = await BusAdmin.connect(url, registry);
    await provisionBus(admin.jsm, registry);
    return admin;
  }

  /** Connects without provisioning: a test lays the bus out itself (the old layout, say). Its close deletes what provisioning would make. */
  static async connect(url: string, registry: BusRegistry): Promise<BusAdmin> {
    const nc = await connect({ servers: url });
    return new BusAdmin(nc, await jetstreamManager(nc), registry);
  }

  /** Messages on one subject (raw, as stored), from every stream of the network (broadcasts' and agencies'). */
  async storedMessages(filter: string): Promise<Array<{ seq: number; stream: string; subject: string; data: string }>> {
    return (await storedOnBus(this.jsm, this.registry))
      .filter((m) => matches(filter, m.subject))
      .map((m) => ({ seq: m.seq, stream: m.stream, subject: m.subject, data: new TextDecoder().decode(m.data) }));
  }

  /** Publishes raw bytes straight to the stream, as a broken or hostile producer would. */
  async publishRaw(subject: string, body: string | object): Promise<void> {
    const js = this.jsm.jetstream();
    await js.publish(subject, typeof body === 'string' ? body : JSON.stringify(body));
  }

  async close(deleteStream = true): Promise<void> {
    if (deleteStream) {
      for (const stream of provisionedStreams(this.registry)) await this.jsm.streams.delete(stream).catch(() => undefined);
    }
    await this.nc.close();
  }
}

/** One message as the bus stores it. */
export interface StoredMessage {
  stream: string;
  seq: number;
  time: Date;
  subject: string;
  data: Uint8Array;
}

/** Every message the network's streams hold, the broadcasts' and each agency's: what the bus operator sees. */
export async function storedOnBus(jsm: JetStreamManager, registry: BusRegistry): Promise<StoredMessage[]> {
  const found: StoredMessage[] = [];
  for (const { name: stream } of plannedStreams(registry)) {
    const { state } = await jsm.streams.info(stream);
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage(stream, { seq }).catch(() => null); // a deleted sequence
      if (m) found.push({ stream, seq: m.seq, time: m.time, subject: m.subject, data: m.data });
    }
  }
  return found;
}

function matches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (f[i] !== '*' && f[i] !== s[i]) return false;
  }
  return f.length === s.length;
}
