import { Inject, Injectable, Logger } from '@nestjs/common';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { DataSource } from 'typeorm';
import { broadcastFilter } from '@rujukan/contracts';
import { BusConnection } from '../bus-connection.js';
import { rebuildConsumerName, type MessagingConfig } from '../messaging.config.js';
import { MESSAGING_CONFIG } from '../messaging.constants.js';
import { InboxRepository } from '../repositories/inbox.repository.js';
import { ProjectionRepository } from '../repositories/projection.repository.js';
import { JetStreamTransport } from '../transport/jetstream.transport.js';
import type { Outcome, RawEvent } from '../transport/raw-event.js';
import type { BulkProjection } from './bulk-projection.js';

/** Messages asked for at once, and the bytes of them applied in one transaction (a batch holds up to 100 events). */
const FETCH_MESSAGES = 500;
const CHUNK_BYTES = 2 * 1024 * 1024;
const PROGRESS_EVERY_MS = 2000;

/** How far a rebuild is: stream messages (broadcast batches) read of those it began with, and events taken so far. */
export interface RebuildProgress {
  read: number;
  total: number;
  events: number;
  seconds: number;
}

/**
 * Rebuilds a node's projections from the stream: empties the given tables
 * and forgets which broadcast events the inbox has seen, then reads every
 * broadcast event from the stream's start: hundreds of messages a fetch,
 * each batch's signature verified once and each event inspected as live
 * delivery does, then a few megabytes of them applied in one transaction
 * through the node's bulk projections (the same rows as its live handlers,
 * in far fewer statements). The same events give the same tables, the same
 * dead letters too. Run it with the node stopped (it is a command).
 */
@Injectable()
export class BroadcastReplay {
  private readonly log = new Logger(BroadcastReplay.name);

  constructor(
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly bus: BusConnection,
    private readonly dataSource: DataSource,
    private readonly transport: JetStreamTransport,
  ) {}

  async rebuild(
    tables: readonly string[],
    projections: readonly BulkProjection[] = [],
    progress?: (p: RebuildProgress) => void,
  ): Promise<Record<Outcome, number>> {
    const patterns = [...this.transport.getHandlers().keys()];
    await this.dataSource.transaction(async (m) => {
      await new ProjectionRepository(m).empty(tables);
      await new InboxRepository(m).forgetPatterns(patterns);
    });
    // One consumer of a fixed name and filter: the only one the agency's bus credentials let it create (docs/bus.md).
    const name = rebuildConsumerName(this.config.agency);
    const jsm = await this.bus.manager();
    await jsm.consumers.delete(this.config.stream, name).catch(() => undefined); // left by an interrupted rebuild
    await jsm.consumers.add(this.config.stream, {
      durable_name: name,
      filter_subject: broadcastFilter(this.config.prefix),
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
    });
    try {
      return await this.replay(name, tables, new Map(projections.map((p) => [p.pattern, p])), progress);
    } finally {
      await jsm.consumers.delete(this.config.stream, name).catch(() => undefined);
    }
  }

  private async replay(
    name: string,
    tables: readonly string[],
    projections: ReadonlyMap<string, BulkProjection>,
    progress?: (p: RebuildProgress) => void,
  ): Promise<Record<Outcome, number>> {
    const consumer = await (await this.bus.jetstream()).consumers.get(this.config.stream, name);
    const counts: Record<Outcome, number> = { applied: 0, duplicate: 0, 'dead-lettered': 0, retry: 0 };
    const tally = (each: Outcome) => counts[each]++;
    // What the stream held when the rebuild began: read exactly that many, so no fetch waits out its expiry at the end.
    // Broadcasts published meanwhile are left to the live consumer, which has not acknowledged them.
    const total = (await consumer.info()).num_pending;
    const started = performance.now();
    let read = 0;
    let told = started;
    const tell = () => {
      if (!progress || performance.now() - told < PROGRESS_EVERY_MS) return;
      told = performance.now();
      progress({ read, total, events: counts.applied + counts.duplicate + counts['dead-lettered'], seconds: (told - started) / 1000 });
    };
    while (read < total) {
      const batch = await consumer.fetch({ max_messages: Math.min(FETCH_MESSAGES, total - read), expires: 5000 });
      let chunk: RawEvent[] = [];
      let bytes = 0;
      let seen = 0;
      for await (const m of batch) {
        seen++;
        read++;
        chunk.push({ subject: m.subject, data: m.data, streamSeq: m.seq, deliveryCount: 1, consumer: 'rebuild' });
        bytes += m.data.length;
        if (bytes >= CHUNK_BYTES) {
          await this.applyChunk(chunk, projections, tally);
          chunk = [];
          bytes = 0;
          tell();
        }
        if (read >= total) break;
      }
      if (chunk.length) await this.applyChunk(chunk, projections, tally);
      tell();
      if (seen === 0) break; // the stream lost messages to its limits meanwhile: nothing more to read
    }
    this.log.log(
      `rebuilt ${tables.join(', ')}: ${counts.applied} applied, ${counts.duplicate} duplicate, ${counts['dead-lettered']} dead-lettered`,
    );
    return counts;
  }

  /** Messages in one transaction; if it fails, one by one, each retried until it is applied. */
  private async applyChunk(
    chunk: RawEvent[],
    projections: ReadonlyMap<string, BulkProjection>,
    tally: (o: Outcome) => void,
  ): Promise<void> {
    if ((await this.transport.processInBulk(chunk, projections, tally)) === 'done') return;
    for (const raw of chunk) {
      // A batch is verified and opened once, then each of its events counted.
      while ((await this.transport.process(raw, tally)) === 'retry') await new Promise((r) => setTimeout(r, this.config.retryBaseMs));
    }
  }
}
