import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { DeliveryReceived, DeliveryReceivedV1, EventContract, EventEnvelope, findContract } from '@rujukan/contracts';
import { isDatabaseHealthy } from '@rujukan/persistence';
import { BusConnection, describe } from '../bus-connection.js';
import { consumerNames } from '../messaging.config.js';
import type { MessagingConfig } from '../messaging.config.js';
import { MESSAGING_CONFIG, TRANSPORT_HOOKS } from '../messaging.constants.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { Transaction } from '../transaction/transaction.js';
import { DeliveryInfo, EventContext } from './event-context.js';
import { rejectionReason } from './event-rejected.js';
import { inspectEvent, type Inspection } from './inspect-event.js';
import { runWithCorrelation } from '../correlation.js';
import { KeyedLimiter } from './keyed-limiter.js';
import { retryDelay } from './retry-delay.js';
import type { TransportHooks } from './transport-hooks.js';

/** One message as the transport sees it, from the bus or from the dead-letter store. */
export interface RawEvent {
  subject: string;
  data: Uint8Array;
  streamSeq?: number;
  deliveryCount: number;
  consumer: string;
  /** Set when replaying this dead letter. */
  deadLetterId?: string;
}

/** applied: committed; duplicate: seen before, no effect; dead-lettered: stored with reason; retry: transient failure. */
export type Outcome = 'applied' | 'duplicate' | 'dead-lettered' | 'retry';

/** Stops a node whose consumers the bus team has not provisioned. */
export class ConsumersMissingError extends Error {
  constructor(stream: string, missing: string[]) {
    super(
      `JetStream consumer(s) ${missing.join(', ')} do not exist on stream ${stream}. ` +
        `Nodes never create them: ask the bus team to add this agency to the registry and run "npm run bus -- provision".`,
    );
    this.name = 'ConsumersMissingError';
  }
}

class Rejection extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Nest transport over JetStream durable pull consumers (docs/messaging.md).
 * Handlers keep Nest's style: `@EventPattern(Contract.pattern)`, `@Payload()`
 * is the validated envelope, `@Ctx()` an EventContext holding the transaction.
 */
@Injectable()
export class JetStreamTransport extends Server implements CustomTransportStrategy {
  private readonly log = new Logger('JetStreamTransport');
  private running = false;
  private databaseUp = true;
  private readonly loops: Promise<void>[] = [];
  private readonly subscriptions = new Set<ConsumerMessages>();
  private readonly wakers = new Set<() => void>();

  constructor(
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly bus: BusConnection,
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @Optional() @Inject(TRANSPORT_HOOKS) private readonly hooks: TransportHooks = {},
  ) {
    super();
  }

  /** The durable consumers this node reads. */
  get consumers(): string[] {
    const names = consumerNames(this.config.agency);
    return this.config.broadcasts ? [names.inbox, names.broadcast] : [names.inbox];
  }

  listen(callback: (err?: unknown) => void): void {
    this.running = true;
    this.start().then(
      () => callback(),
      (err) => callback(err),
    );
  }

  private async start(): Promise<void> {
    // When the bus answers at start, a missing consumer fails the start itself.
    const bus = this.bus.connection();
    const soon = await withinMs(
      bus.then(() => true),
      1500,
      false,
    );
    if (soon) {
      await this.verifyConsumers();
      this.startLoops();
      return;
    }
    this.log.warn('bus not reachable at start: serving the API and consuming once it is');
    void bus
      .then(() => this.verifyConsumers())
      .then(
        () => this.running && this.startLoops(),
        (err) => {
          this.log.error(err instanceof ConsumersMissingError ? err.message : `cannot start consuming: ${describe(err)}`);
          if (this.running) process.exitCode = 78;
          this.emitFatal(err);
        },
      );
  }

  private fatalListeners: Array<(err: unknown) => void> = [];
  private emitFatal(err: unknown): void {
    if (!this.fatalListeners.length) process.kill(process.pid, 'SIGTERM');
    for (const l of this.fatalListeners) l(err);
  }

  /** `fatal`: the node cannot consume (its consumers are missing). Default: the process stops. */

  on(event: string, callback: Function): void {
    if (event === 'fatal') this.fatalListeners.push(callback as (err: unknown) => void);
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  /** Checks this node's consumers exist; nodes never create them. */
  async verifyConsumers(): Promise<void> {
    const jsm = await this.bus.manager();
    const missing: string[] = [];
    for (const name of this.consumers) {
      try {
        await jsm.consumers.info(this.config.stream, name);
      } catch (err) {
        if (isNotFound(err)) missing.push(name);
        else throw err;
      }
    }
    if (missing.length) throw new ConsumersMissingError(this.config.stream, missing);
  }

  private startLoops(): void {
    for (const name of this.consumers) this.loops.push(this.consumeLoop(name));
  }

  async close(): Promise<void> {
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

  private async consumeLoop(durable: string): Promise<void> {
    while (this.running) {
      if (!this.databaseUp) {
        await this.pause(this.config.dbHealthPollMs);
        this.databaseUp = await isDatabaseHealthy(this.dataSource);
        if (this.databaseUp) this.log.log('database is back: fetching events again');
        continue;
      }
      let messages: ConsumerMessages | undefined;
      // handleMessage settles every message itself; an error reaching the limiter is a bug worth seeing.
      const limiter = new KeyedLimiter(this.config.concurrency, (err) =>
        this.log.error(`event task on ${durable} failed outside its handling: ${describe(err)}`),
      );
      try {
        const js = await this.bus.jetstream();
        const consumer = await js.consumers.get(this.config.stream, durable);
        messages = await consumer.consume({ max_messages: this.config.concurrency * 4 });
        this.subscriptions.add(messages);
        // close() may have run while we were subscribing: it could not stop this one.
        if (!this.running) break;
        for await (const m of messages) {
          await limiter.schedule(caseKeyOf(m), () => this.handleMessage(m, durable));
          // While the database is down, stop fetching: buffered messages are
          // redelivered after the ack wait, and nothing is dead-lettered.
          if (!this.running || !this.databaseUp) break;
        }
      } catch (err) {
        if (isNotFound(err)) {
          this.log.error(new ConsumersMissingError(this.config.stream, [durable]).message);
          this.running = false;
          this.emitFatal(err);
        } else if (this.running) {
          this.log.warn(`consumer ${durable} interrupted: ${describe(err)}; resuming`);
        }
      } finally {
        await limiter.drain();
        if (messages) {
          messages.stop();
          this.subscriptions.delete(messages);
        }
      }
      if (this.running) await this.pause(this.config.retryBaseMs);
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
  private async handleMessage(m: JsMsg, consumer: string): Promise<void> {
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

  /**
   * Validates, dedups and applies one event in one transaction (inbox row,
   * handler's writes, emitted events, receipt). Used for bus deliveries and
   * for dead-letter replays alike.
   */
  async process(raw: RawEvent): Promise<Outcome> {
    let inspection: Inspection;
    try {
      inspection = await inspectEvent(this.config.prefix, this.config.agency, raw.subject, raw.data, {
        maxBytes: this.config.maxEventBytes,
        maxDepth: this.config.maxEventDepth,
      });
    } catch (err) {
      // inspectEvent catches its own failures; this is the last line, so nothing before a handler escapes.
      inspection = { ok: false, reason: `could not be inspected: ${describe(err)}` };
    }
    if (!inspection.ok) return this.deadLetter(raw, inspection.reason, inspection.eventId, inspection.pattern, inspection.envelope);
    const { envelope, contract } = inspection;
    try {
      return await runWithCorrelation(envelope.correlationId, () => this.apply(raw, envelope, contract));
    } catch (err) {
      // apply() turns database and handler errors into 'retry' itself; an after-commit hook is what is left.
      // A redelivery meets the inbox row, so retrying is safe.
      this.log.warn(`event ${envelope.id} (${contract.pattern}) failed after inspection, will retry: ${describe(err)}`);
      return 'retry';
    }
  }

  private async apply(raw: RawEvent, envelope: EventEnvelope<object>, contract: EventContract): Promise<Outcome> {
    const internal = contract.pattern === DeliveryReceived.pattern;
    const handler = internal ? null : this.getHandlerByPattern(contract.pattern);
    if (!internal && !handler) {
      return this.deadLetter(raw, `no handler for ${contract.pattern} on this node`, envelope.id, contract.pattern, envelope);
    }

    let duplicate = false;
    try {
      await this.dataSource.transaction(async (manager) => {
        const tx = new Transaction(manager, this.config, envelope);
        if (internal) {
          await this.recordReceipt(tx, envelope as EventEnvelope<DeliveryReceivedV1>);
          return;
        }
        const inserted: unknown[] = await manager.query(
          `INSERT INTO messaging_inbox (event_id, pattern, from_agency, case_id, occurred_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
          [envelope.id, contract.pattern, envelope.source.agency, envelope.caseId ?? null, envelope.occurredAt],
        );
        duplicate = inserted.length === 0;
        if (duplicate) {
          await manager.query(`UPDATE messaging_inbox SET duplicate_deliveries = duplicate_deliveries + 1 WHERE event_id = $1`, [
            envelope.id,
          ]);
        } else {
          const info: DeliveryInfo = { subject: raw.subject, deliveryCount: raw.deliveryCount, consumer: raw.consumer };
          try {
            const result: unknown = await handler!(envelope, new EventContext([envelope, tx, info]));
            await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
          } catch (err) {
            const reason = rejectionReason(err);
            throw reason !== undefined ? new Rejection(reason) : err;
          }
        }
        // A receipt every time, duplicates included: the first one may be the one that was lost.
        if (contract.receipt && envelope.to === this.config.agency) {
          await tx.emit(DeliveryReceived, {
            to: envelope.source.agency,
            caseId: envelope.caseId,
            payload: { eventId: envelope.id, pattern: contract.pattern },
          });
        }
      });
    } catch (err) {
      if (err instanceof Rejection) return this.deadLetter(raw, `rejected: ${err.reason}`, envelope.id, contract.pattern, envelope);
      this.log.warn(`event ${envelope.id} (${contract.pattern}) failed, will retry: ${describe(err)}`);
      return 'retry';
    }
    this.relay.wake();
    if (!internal) await this.hooks.afterCommit?.(envelope, { duplicate });
    return internal ? 'applied' : duplicate ? 'duplicate' : 'applied';
  }

  /** Marks the sender's outbox row delivered; only the addressee's receipt counts. */
  private async recordReceipt(tx: Transaction, receipt: EventEnvelope<DeliveryReceivedV1>): Promise<void> {
    await tx.manager.query(
      `UPDATE messaging_outbox SET receipt_at = now()
       WHERE event_id = $1 AND recipient = $2 AND receipt_at IS NULL`,
      [receipt.payload.eventId, receipt.source.agency],
    );
  }

  /**
   * Stores an event that can never succeed as it is. For an addressed event
   * whose envelope could be read, the receipt goes back in the same
   * transaction: the event has reached this node (its dead-letter store), so
   * the sender must stop re-sending it. A re-send that arrives anyway adds no
   * second letter; a failed replay updates its own letter.
   */
  private async deadLetter(raw: RawEvent, reason: string, eventId?: string, pattern?: string, envelope?: EventEnvelope): Promise<Outcome> {
    try {
      await this.dataSource.transaction(async (manager) => {
        if (raw.deadLetterId) {
          await manager.query(`UPDATE messaging_dead_letter SET reason = $2, replay_outcome = 'dead-lettered' WHERE id = $1`, [
            raw.deadLetterId,
            reason,
          ]);
          return;
        }
        // Without a readable id, the stream sequence tells a redelivery of the same message (its ack was lost).
        const open: unknown[] = eventId
          ? await manager.query(`SELECT 1 FROM messaging_dead_letter WHERE event_id = $1 AND replayed_at IS NULL`, [eventId])
          : raw.streamSeq !== undefined
            ? await manager.query(
                `SELECT 1 FROM messaging_dead_letter WHERE event_id IS NULL AND consumer = $1 AND stream_seq = $2 AND replayed_at IS NULL`,
                [raw.consumer, raw.streamSeq],
              )
            : [];
        if (!open.length) {
          await manager.query(
            `INSERT INTO messaging_dead_letter (consumer, subject, stream_seq, event_id, pattern, reason, data)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [raw.consumer, raw.subject, raw.streamSeq ?? null, eventId ?? null, pattern ?? null, reason, Buffer.from(raw.data)],
          );
        }
        if (
          envelope &&
          envelope.to === this.config.agency &&
          pattern !== DeliveryReceived.pattern &&
          findContract(pattern ?? '')?.receipt !== false
        ) {
          await new Transaction(manager, this.config, envelope).emit(DeliveryReceived, {
            to: envelope.source.agency,
            caseId: envelope.caseId,
            payload: { eventId: envelope.id, pattern: pattern! },
          });
        }
      });
    } catch (err) {
      this.log.warn(`could not store dead letter, will retry: ${describe(err)}`);
      return 'retry';
    }
    this.relay.wake();
    // The reason names fields and rules, never values.
    this.log.warn(`dead-lettered stream seq ${raw.streamSeq ?? '-'} (${pattern ?? 'unknown'}): ${reason}`);
    return 'dead-lettered';
  }
}

/** `promise`'s value if it settles within `ms`, else `fallback`; leaves no timer behind. */
async function withinMs<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<T>((r) => (timer = setTimeout(() => r(fallback), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; code?: number; api_error?: { err_code?: number } };
  return (
    e?.name === 'ConsumerNotFoundError' ||
    e?.name === 'StreamNotFoundError' ||
    e?.api_error?.err_code === 10014 ||
    e?.api_error?.err_code === 10059
  );
}

function caseKeyOf(m: JsMsg): string {
  try {
    const caseId = (JSON.parse(new TextDecoder().decode(m.data)) as { caseId?: unknown }).caseId;
    return typeof caseId === 'string' ? caseId : `seq:${m.seq}`;
  } catch {
    return `seq:${m.seq}`;
  }
}
