import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DeliveryReceivedV1, EventContract, EventEnvelope } from '@rujukan/contracts';
import { describe } from '../bus-connection.js';
import { runWithCorrelation } from '../correlation.js';
import type { MessagingConfig } from '../messaging.config.js';
import { AGENCY_REGISTRY, MESSAGING_CONFIG, TRANSPORT_HOOKS } from '../messaging.constants.js';
import type { AgencyRegistry } from '../registry/agency-registry.js';
import { EnvelopeProtection } from '../keys/envelope-protection.js';
import { MessagingMetrics } from '../operations/messaging-metrics.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { InboxRepository } from '../repositories/inbox.repository.js';
import { Transaction } from '../transaction/transaction.js';
import { DeadLetterStore } from './dead-letter-store.js';
import { DeliveryInfo, EventContext } from './event-context.js';
import { rejectionReason } from './event-rejected.js';
import { BATCH_PATTERN, isBatchSubject, openedBatch, VERIFIED_BY_BATCH } from './batch-inspection.js';
import { inspectEvent, type Inspection, type InspectionLimits } from './inspect-event.js';
import type { Outcome, RawEvent } from './raw-event.js';
import { Receipts } from './receipts.js';
import type { TransportHooks } from './transport-hooks.js';

/** A registered handler, resolved to a promise that settles when the handler has finished. */
export type EventHandlerFn = (envelope: EventEnvelope<object>, ctx: EventContext) => Promise<void>;

/** The handler registered for a pattern on this node, if any. */
export type HandlerLookup = (pattern: string) => EventHandlerFn | undefined;

class Rejection extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Takes one event from bytes to its outcome: inspection before any
 * transaction, then inbox row, handler's writes, emitted events and receipt
 * in one transaction; anything that can never succeed goes to the dead-letter
 * store. Used for bus deliveries and dead-letter replays alike.
 */
@Injectable()
export class EventApplier {
  private readonly log = new Logger('JetStreamTransport');

  constructor(
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly receipts: Receipts,
    private readonly deadLetters: DeadLetterStore,
    @Inject(AGENCY_REGISTRY) private readonly registry: AgencyRegistry,
    private readonly metrics: MessagingMetrics,
    private readonly protection: EnvelopeProtection,
    @Optional() @Inject(TRANSPORT_HOOKS) private readonly hooks: TransportHooks = {},
  ) {}

  /**
   * Validates, dedups and applies one message; never throws. A broadcast
   * batch is verified and opened once, then each of its events is applied
   * in its own transaction; `tally` hears the outcome of every event.
   */
  async process(raw: RawEvent, handlers: HandlerLookup, tally?: (outcome: Outcome) => void): Promise<Outcome> {
    if (isBatchSubject(this.config.prefix, raw.subject)) return this.processBatch(raw, handlers, tally);
    const outcome = await this.processOne(raw, handlers);
    if (outcome !== 'retry') tally?.(outcome);
    return outcome;
  }

  private async processBatch(raw: RawEvent, handlers: HandlerLookup, tally?: (outcome: Outcome) => void): Promise<Outcome> {
    const opened = openedBatch(this.config.prefix, raw, {
      maxBytes: this.config.maxEventBytes,
      maxDepth: this.config.maxEventDepth,
      registry: this.registry,
      protection: this.protection,
    });
    if (!opened.ok) {
      const outcome = await this.deadLetters.store(raw, opened.reason, { pattern: BATCH_PATTERN, eventId: opened.batchId });
      tally?.(outcome);
      return outcome;
    }
    // A dead letter of one batched event replays only that event; a whole batch's letter, all of them.
    const only = raw.eventId && raw.eventId !== opened.batchId ? raw.eventId : undefined;
    const items = opened.events.filter((item) => !only || item.eventId === only);
    const outcomes = await this.applyBatch(
      items.map((item) => ({ ...raw, subject: item.subject, data: item.data, batch: raw })),
      handlers,
    );
    // One event to retry sends the batch round again: nothing of it was committed.
    if (outcomes.includes('retry')) return 'retry';
    for (const o of outcomes) tally?.(o);
    if (only) return outcomes[0] ?? 'dead-lettered';
    return 'applied';
  }

  /**
   * A verified batch's events in one transaction, each under its own
   * savepoint: an event its handler rejects rolls back alone and is
   * dead-lettered after the commit; any other failure rolls the whole batch
   * back to be delivered again ('retry' for every event). One commit instead
   * of one per event is what lets reporting, and its rebuild, keep up with
   * the stream.
   */
  private async applyBatch(raws: RawEvent[], handlers: HandlerLookup): Promise<Outcome[]> {
    const timers = raws.map(() => this.metrics.startHandling());
    const patterns: Array<string | undefined> = [];
    const outcomes: Outcome[] = [];
    const letters: Array<{ index: number; raw: RawEvent; reason: string; read: Parameters<DeadLetterStore['store']>[2] }> = [];
    const applied: Array<{ envelope: EventEnvelope<object>; duplicate: boolean }> = [];
    const ready: Array<{ index: number; raw: RawEvent; envelope: EventEnvelope<object>; contract: EventContract }> = [];
    for (const [index, raw] of raws.entries()) {
      const inspection = await this.inspect(raw, VERIFIED_BY_BATCH);
      if (!inspection.ok) {
        const { reason, eventId, pattern, envelope } = inspection;
        letters.push({ index, raw, reason, read: { eventId, pattern, envelope } });
        continue;
      }
      patterns[index] = inspection.contract.pattern;
      ready.push({ index, raw, envelope: inspection.envelope, contract: inspection.contract });
    }
    try {
      await this.dataSource.transaction(async (manager) => {
        for (const { index, raw, envelope, contract } of ready) {
          const read = { eventId: envelope.id, pattern: contract.pattern, envelope };
          const handler = this.receipts.isReceipt(contract) ? undefined : handlers(contract.pattern);
          if (!this.receipts.isReceipt(contract) && !handler) {
            letters.push({ index, raw, reason: `no handler for ${contract.pattern} on this node`, read });
            continue;
          }
          await manager.query('SAVEPOINT batched_event');
          try {
            const duplicate = await runWithCorrelation(envelope.correlationId, () =>
              this.applyIn(manager, raw, envelope, contract, handler),
            );
            await manager.query('RELEASE SAVEPOINT batched_event');
            outcomes[index] = duplicate ? 'duplicate' : 'applied';
            applied.push({ envelope, duplicate });
          } catch (err) {
            if (!(err instanceof Rejection)) throw err;
            await manager.query('ROLLBACK TO SAVEPOINT batched_event');
            letters.push({ index, raw, reason: `rejected: ${err.reason}`, read });
          }
        }
      });
    } catch (err) {
      this.log.warn(`a batch of ${raws.length} events failed, will retry: ${describe(err)}`);
      timers.forEach((done, i) => done(patterns[i], 'retry'));
      return raws.map(() => 'retry');
    }
    for (const { index, raw, reason, read } of letters) outcomes[index] = await this.deadLetters.store(asStored(raw), reason, read);
    this.relay.wake();
    try {
      for (const { envelope, duplicate } of applied) await this.hooks.afterCommit?.(envelope, { duplicate });
    } catch (err) {
      // Committed already; a redelivery meets the inbox rows, so retrying is safe.
      this.log.warn(`an after-commit hook failed, will retry the batch: ${describe(err)}`);
      return raws.map(() => 'retry');
    }
    timers.forEach((done, i) => done(patterns[i], outcomes[i]));
    return outcomes;
  }

  private async processOne(
    raw: RawEvent,
    handlers: HandlerLookup,
    protection: InspectionLimits['protection'] = this.protection,
  ): Promise<Outcome> {
    const done = this.metrics.startHandling();
    let pattern: string | undefined;
    const outcome = await this.inspectAndApply(raw, handlers, (known) => (pattern = known), protection);
    // Only a known contract's pattern labels the metric: an unreadable subject is anyone's text.
    done(pattern, outcome);
    return outcome;
  }

  private async inspectAndApply(
    raw: RawEvent,
    handlers: HandlerLookup,
    known: (pattern: string) => void,
    protection: InspectionLimits['protection'],
  ): Promise<Outcome> {
    const inspection = await this.inspect(raw, protection);
    if (!inspection.ok) {
      const { reason, eventId, pattern, envelope } = inspection;
      return this.deadLetters.store(asStored(raw), reason, { eventId, pattern, envelope });
    }
    const { envelope, contract } = inspection;
    known(contract.pattern);
    try {
      return await runWithCorrelation(envelope.correlationId, () => this.apply(raw, envelope, contract, handlers));
    } catch (err) {
      // apply() turns database and handler errors into 'retry' itself; an after-commit hook is what is left.
      // A redelivery meets the inbox row, so retrying is safe.
      this.log.warn(`event ${envelope.id} (${contract.pattern}) failed after inspection, will retry: ${describe(err)}`);
      return 'retry';
    }
  }

  private async inspect(raw: RawEvent, protection: InspectionLimits['protection']): Promise<Inspection> {
    try {
      return await inspectEvent(this.config.prefix, this.config.agency, raw.subject, raw.data, {
        maxBytes: this.config.maxEventBytes,
        maxDepth: this.config.maxEventDepth,
        registry: this.registry,
        role: this.config.node,
        protection,
      });
    } catch (err) {
      // inspectEvent catches its own failures; this is the last line, so nothing before a handler escapes.
      return { ok: false, reason: `could not be inspected: ${describe(err)}` };
    }
  }

  private async apply(raw: RawEvent, envelope: EventEnvelope<object>, contract: EventContract, handlers: HandlerLookup): Promise<Outcome> {
    const read = { eventId: envelope.id, pattern: contract.pattern, envelope };
    const internal = this.receipts.isReceipt(contract);
    const handler = internal ? undefined : handlers(contract.pattern);
    if (!internal && !handler) return this.deadLetters.store(asStored(raw), `no handler for ${contract.pattern} on this node`, read);

    let duplicate = false;
    try {
      await this.dataSource.transaction(async (manager) => {
        duplicate = await this.applyIn(manager, raw, envelope, contract, handler);
      });
    } catch (err) {
      if (err instanceof Rejection) return this.deadLetters.store(asStored(raw), `rejected: ${err.reason}`, read);
      this.log.warn(`event ${envelope.id} (${contract.pattern}) failed, will retry: ${describe(err)}`);
      return 'retry';
    }
    this.relay.wake();
    if (!internal) await this.hooks.afterCommit?.(envelope, { duplicate });
    return internal ? 'applied' : duplicate ? 'duplicate' : 'applied';
  }

  /**
   * Inside the caller's transaction: the inbox row, the handler's writes and
   * the receipt (a receipt itself is only recorded). True when the event was
   * seen before. A handler's rejection is thrown as a Rejection.
   */
  private async applyIn(
    manager: EntityManager,
    raw: RawEvent,
    envelope: EventEnvelope<object>,
    contract: EventContract,
    handler: EventHandlerFn | undefined,
  ): Promise<boolean> {
    const tx = new Transaction(manager, this.config, envelope, undefined, this.protection);
    if (!handler) {
      await this.receipts.record(tx, envelope as EventEnvelope<DeliveryReceivedV1>);
      return false;
    }
    const duplicate = !(await new InboxRepository(manager).record({
      eventId: envelope.id,
      pattern: contract.pattern,
      fromAgency: envelope.source.agency,
      caseId: envelope.caseId ?? null,
      occurredAt: envelope.occurredAt,
      streamSeq: raw.streamSeq ?? null,
      consumer: raw.consumer,
    }));
    if (!duplicate) {
      const info: DeliveryInfo = { subject: raw.subject, deliveryCount: raw.deliveryCount, consumer: raw.consumer };
      try {
        await handler(envelope, new EventContext([envelope, tx, info]));
      } catch (err) {
        const reason = rejectionReason(err);
        throw reason !== undefined ? new Rejection(reason) : err;
      }
    }
    await this.receipts.sendForApplied(tx, envelope, contract);
    return duplicate;
  }
}

/**
 * What the dead-letter store keeps of an event: a batched one as its whole
 * batch (still sealed), so a replay verifies and opens it again.
 */
function asStored(raw: RawEvent): RawEvent {
  return raw.batch ?? raw;
}
