import { Logger } from '@nestjs/common';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import { isDatabaseHealthy } from '@rujukan/persistence';
import { BusConnection, describe } from '../bus-connection.js';
import type { ConsumerPlace, MessagingConfig } from '../messaging.config.js';
import { ConsumersMissingError, isNotFound, locateConsumer } from './consumer-check.js';
import { KeyedLimiter } from './keyed-limiter.js';
import type { Outcome, RawEvent } from './raw-event.js';
import { retryDelay } from './retry-delay.js';
import { withinMs } from './within-ms.js';

/**
 * Reads durable pull consumers: `concurrency` events in flight, one case in
 * order; stops fetching while the database is down and resumes when it
 * answers; settles every message (ack after its outcome, nak with delay on
 * retry, never left unacknowledged).
 */
export class ConsumeLoop {
  private readonly log = new Logger('JetStreamTransport');
  private running = false;
  private databaseUp = true;
  private readonly loops: Promise<void>[] = [];
  private readonly subscriptions = new Set<ConsumerMessages>();
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly config: MessagingConfig,
    private readonly bus: BusConnection,
    private readonly dataSource: DataSource,
    /** Takes one event to its outcome; never throws. */
    private readonly process: (raw: RawEvent) => Promise<Outcome>,
  ) {}

  /** Starts one loop per durable consumer. */
  start(places: readonly ConsumerPlace[]): void {
    this.running = true;
    for (const place of places) this.loops.push(this.consume(place));
  }

  /** Stops fetching and waits for events in flight, at most 10 s. */
  async stop(): Promise<void> {
    this.running = false;
    for (const s of this.subscriptions) s.stop();
    for (const wake of this.wakers) wake();
    // Bounded: an in-flight handler stuck on a dead database must not hold the shutdown.
    const finished = await withinMs(
      Promise.all(this.loops).then(() => true),
      10000,
      false,
    );
    if (!finished) this.log.warn('consumers did not stop within 10 s; closing anyway (unacked events will be redelivered)');
  }

  private async consume(place: ConsumerPlace): Promise<void> {
    const durable = place.name;
    // Where the consumer sits is looked up again whenever it vanishes: `migrate-streams` moves an inbox
    // from the network's stream to the agency's own while the node runs.
    let stream: string | undefined;
    let vanished = false;
    let reported = false;
    while (this.running) {
      if (!this.databaseUp) {
        await this.pause(this.config.dbHealthPollMs);
        this.databaseUp = await isDatabaseHealthy(this.dataSource);
        if (this.databaseUp) this.log.log('database is back: fetching events again');
        continue;
      }
      let messages: ConsumerMessages | undefined;
      // settle() handles every message itself; an error reaching the limiter is a bug worth seeing.
      const limiter = new KeyedLimiter(this.config.concurrency, (err) =>
        this.log.error(`event task on ${durable} failed outside its handling: ${describe(err)}`),
      );
      try {
        stream ??= await locateConsumer(await this.bus.manager(), place);
        if (!stream) throw new ConsumersMissingError(place.streams[0], [durable]);
        reported = false;
        const js = await this.bus.jetstream();
        const consumer = await js.consumers.get(stream, durable);
        // Short pulls: after a cluster's leader change, a pull the old leader held is replaced within this time.
        // A consumer deleted or moved under a running pull ends it with an error (rather than pulling it forever): looked up again.
        messages = await consumer.consume({
          max_messages: this.config.concurrency * 4,
          expires: this.config.pullExpiresMs,
          abort_on_missing_resource: true,
        });
        this.subscriptions.add(messages);
        // stop() may have run while we were subscribing: it could not stop this one.
        if (!this.running) break;
        for await (const m of messages) {
          await limiter.schedule(caseKeyOf(m), () => this.settle(m, durable));
          // While the database is down, stop fetching: buffered messages are
          // redelivered after the ack wait, and nothing is dead-lettered.
          if (!this.running || !this.databaseUp) break;
        }
      } catch (err) {
        vanished = isMissing(err);
        if (vanished && stream) {
          this.log.warn(`consumer ${durable} is no longer on stream ${stream}: looking for it again`);
        } else if (vanished && !reported) {
          // Not fatal once running: the bus team may provision it again; the start check is the one that stops a node.
          this.log.error(
            `${new ConsumersMissingError(place.streams[0], [durable]).message} Looking again every ${MISSING_POLL_MS / 1000} s.`,
          );
          reported = true;
        } else if (!vanished && this.running) {
          this.log.warn(`consumer ${durable} interrupted: ${describe(err)}; resuming`);
        }
        if (vanished) stream = undefined;
      } finally {
        await limiter.drain();
        if (messages) {
          messages.stop();
          this.subscriptions.delete(messages);
        }
      }
      if (this.running)
        await this.pause(vanished && !stream ? Math.max(MISSING_POLL_MS, this.config.retryBaseMs) : this.config.retryBaseMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  /** Settles every message: ack after its outcome, nak on retry, and nak with delay should anything here throw. */
  private async settle(m: JsMsg, consumer: string): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await this.process({
        subject: m.subject,
        data: m.data,
        streamSeq: m.seq,
        deliveryCount: m.info.deliveryCount,
        consumer,
      });
    } catch (err) {
      // process() does not throw; if it ever does, the message must not sit unacked until the ack wait, forever.
      this.log.error(`stream seq ${m.seq} on ${consumer} failed unexpectedly, redelivering: ${describe(err)}`);
      outcome = 'retry';
    }
    if (outcome === 'retry') {
      try {
        m.nak(retryDelay(m.info.deliveryCount, this.config.retryBaseMs, this.config.retryMaxMs));
      } catch (err) {
        this.log.warn(`nak not sent for stream seq ${m.seq} (redelivered after the ack wait): ${describe(err)}`);
      }
      if (this.databaseUp && !(await isDatabaseHealthy(this.dataSource))) {
        this.databaseUp = false;
        this.log.warn('database unreachable: pausing event consumption until it answers');
      }
      return;
    }
    try {
      await m.ackAck();
    } catch (err) {
      // The effect is committed; a redelivery will meet the inbox row and do nothing.
      this.log.warn(`ack not confirmed for stream seq ${m.seq}: ${describe(err)}`);
    }
  }
}

/** Events of one case are handled in order; a body without a readable case is its own key. */
/** How often a consumer found on no stream is looked for again. */
const MISSING_POLL_MS = 5000;

/** Whether the error says the consumer or its stream is not (or no longer) there. */
function isMissing(err: unknown): boolean {
  if (isNotFound(err) || err instanceof ConsumersMissingError) return true;
  return /consumer deleted|consumer not found|stream not found/i.test(err instanceof Error ? err.message : String(err));
}

function caseKeyOf(m: JsMsg): string {
  try {
    const caseId = (JSON.parse(new TextDecoder().decode(m.data)) as { caseId?: unknown }).caseId;
    return typeof caseId === 'string' ? caseId : `seq:${m.seq}`;
  } catch {
    return `seq:${m.seq}`;
  }
}
