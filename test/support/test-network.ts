import { randomBytes } from 'node:crypto';
import { jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { AgencyEntry, BusRegistry, provisionBus, provisionedStreams } from '@rujukan/messaging';

export const SHARED_NATS = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

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
      maxBytes: 256 * 1024 * 1024,
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
    const nc = await connect({ servers: url });
    const jsm = await jetstreamManager(nc);
    await provisionBus(jsm, registry);
    return new BusAdmin(nc, jsm, registry);
  }

  /** Messages in the stream on one subject (raw, as stored). */
  async storedMessages(filter: string): Promise<Array<{ seq: number; subject: string; data: string }>> {
    const info = await this.jsm.streams.info(this.registry.network.stream);
    const found = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      try {
        const m = await this.jsm.streams.getMessage(this.registry.network.stream, { seq });
        if (!m) continue;
        if (matches(filter, m.subject)) found.push({ seq, subject: m.subject, data: new TextDecoder().decode(m.data) });
      } catch {
        // deleted sequence
      }
    }
    return found;
  }

  /** Publishes raw bytes straight to the stream, as a broken or hostile producer would. */
  async publishRaw(subject: string, body: string | object): Promise<void> {
    const js = this.jsm.jetstream();
    await js.publish(subject, typeof body === 'string' ? body : JSON.stringify(body));
  }

  async close(deleteStream = true): Promise<void> {
    if (deleteStream) {
      for (const stream of provisionedStreams(this.registry.network.stream)) await this.jsm.streams.delete(stream).catch(() => undefined);
    }
    await this.nc.close();
  }
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
