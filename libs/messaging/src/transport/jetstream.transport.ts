import { Inject, Injectable, Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { BusConnection, describe } from '../bus-connection.js';
import { consumerPlaces } from '../messaging.config.js';
import type { ConsumerPlace, MessagingConfig } from '../messaging.config.js';
import { MESSAGING_CONFIG } from '../messaging.constants.js';
import type { BulkProjection } from '../replay/bulk-projection.js';
import { EventApplier, type HandlerLookup } from './apply-event.js';
import { ConsumeLoop } from './consume-loop.js';
import { ConsumersMissingError, locateConsumer, verifyConsumers } from './consumer-check.js';
import type { Outcome, RawEvent } from './raw-event.js';
import { withinMs } from './within-ms.js';

/** One of a node's durable consumers as the bus reports it. */
export type ConsumerState =
  { name: string; pending: number; unacknowledged: number; redelivered: number; missing?: undefined } | { name: string; missing: true };

/**
 * Nest transport over JetStream durable pull consumers (docs/messaging.md).
 * Handlers keep Nest's style: `@EventPattern(Contract.pattern)`, `@Payload()`
 * is the validated envelope, `@Ctx()` an EventContext holding the transaction.
 * This class is the Nest side (start, handlers, shutdown); reading the bus is
 * ConsumeLoop's, taking an event to its outcome EventApplier's.
 */
@Injectable()
export class JetStreamTransport extends Server implements CustomTransportStrategy {
  private readonly log = new Logger('JetStreamTransport');
  private running = false;
  private readonly loop: ConsumeLoop;

  constructor(
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly bus: BusConnection,
    dataSource: DataSource,
    private readonly applier: EventApplier,
  ) {
    super();
    this.loop = new ConsumeLoop(config, bus, dataSource, (raw) => this.process(raw));
  }

  /** The durable consumers this node reads, and where each may sit. */
  get consumers(): ConsumerPlace[] {
    return consumerPlaces(this.config);
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
      this.loop.start(this.consumers);
      return;
    }
    this.log.warn('bus not reachable at start: serving the API and consuming once it is');
    void bus
      .then(() => this.verifyConsumers())
      .then(
        () => this.running && this.loop.start(this.consumers),
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
    await verifyConsumers(await this.bus.readyManager(), this.consumers);
  }

  /**
   * Each of this node's consumers as the bus sees it: waiting (pending),
   * delivered but unacknowledged, and redelivered counts; `missing` when the
   * bus has no such consumer. Throws when the bus cannot be asked.
   */
  async consumerStates(): Promise<ConsumerState[]> {
    const jsm = await this.bus.manager();
    const states: ConsumerState[] = [];
    for (const place of this.consumers) {
      const { name } = place;
      const stream = await locateConsumer(jsm, place);
      if (!stream) {
        states.push({ name, missing: true });
        continue;
      }
      const info = await jsm.consumers.info(stream, name);
      states.push({ name, pending: info.num_pending, unacknowledged: info.num_ack_pending, redelivered: info.num_redelivered });
    }
    return states;
  }

  async close(): Promise<void> {
    this.running = false;
    await this.loop.stop();
  }

  /**
   * Validates, dedups and applies one event in one transaction (inbox row,
   * handler's writes, emitted events, receipt). Used for bus deliveries and
   * for dead-letter replays alike. A broadcast batch is one message of many
   * events: `tally` hears each event's outcome.
   */
  async process(raw: RawEvent, tally?: (outcome: Outcome) => void): Promise<Outcome> {
    return this.applier.process(raw, this.handlerFor, tally);
  }

  /**
   * Many messages in one transaction through the node's bulk projections
   * (a rebuild); 'retry' when nothing of them was committed.
   */
  async processInBulk(
    raws: RawEvent[],
    projections: ReadonlyMap<string, BulkProjection>,
    tally?: (outcome: Outcome) => void,
  ): Promise<'done' | 'retry'> {
    return this.applier.processInBulk(raws, this.handlerFor, projections, tally);
  }

  /** The handler Nest registered for a pattern, awaited to its end (an Observable too). */
  private readonly handlerFor: HandlerLookup = (pattern) => {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) return undefined;
    return async (envelope, ctx) => {
      const result: unknown = await handler(envelope, ctx);
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    };
  };
}
