import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { BROADCAST, type DeliveryReceivedV1, type EventContract, type EventEnvelope } from '@rujukan/contracts';
import { describe } from '../bus-connection.js';
import { runWithCorrelation } from '../correlation.js';
import type { MessagingConfig } from '../messaging.config.js';
import { AGENCY_REGISTRY, MESSAGING_CONFIG, TRANSPORT_HOOKS } from '../messaging.constants.js';
import type { AgencyRegistry } from '../registry/agency-registry.js';
import { EnvelopeProtection } from '../keys/envelope-protection.js';
import { MessagingMetrics } from '../operations/messaging-metrics.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { applicationRounds, type BulkProjection } from '../replay/bulk-projection.js';
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

/** An event to dead-letter once its batch's transaction has committed. */
interface Letter {
  raw: RawEvent;
  reason: string;
  read: Parameters<DeadLetterStore['store']>[2];
}

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
    const emitted = { count: 0 };
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
              this.applyIn(manager, raw, envelope, contract, handler, emitted),
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
    // Only a commit that wrote to the outbox (a receipt, a handler's event) gives the relay work; dead letters wake it themselves.
    if (emitted.count) this.relay.wake();
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

  /**
   * Many stream messages in one transaction, for a rebuild: each batch
   * verified and opened once, every event inspected as live delivery does,
   * then the inbox rows in one statement and the events through their bulk
   * projections (`projections`, by pattern) in rounds that keep stream order
   * wherever two events touch the same row; an event without one goes through
   * its live handler under its own savepoint. A rejected or unreadable event
   * is dead-lettered alone after the commit, as live delivery does. 'retry'
   * when the transaction failed: nothing of it was committed, and the caller
   * applies the messages one by one instead.
   */
  async processInBulk(
    raws: RawEvent[],
    handlers: HandlerLookup,
    projections: ReadonlyMap<string, BulkProjection>,
    tally?: (outcome: Outcome) => void,
  ): Promise<'done' | 'retry'> {
    const letters: Letter[] = [];
    const events: Array<{
      raw: RawEvent;
      envelope: EventEnvelope<object>;
      contract: EventContract;
      /** With the rows it touches; absent: through its live handler, alone. */
      bulk?: { projection: BulkProjection; keys: string[] };
    }> = [];
    for (const raw of raws) {
      const items: Array<{ raw: RawEvent; protection: InspectionLimits['protection'] }> = [];
      if (isBatchSubject(this.config.prefix, raw.subject)) {
        const opened = openedBatch(this.config.prefix, raw, {
          maxBytes: this.config.maxEventBytes,
          maxDepth: this.config.maxEventDepth,
          registry: this.registry,
          protection: this.protection,
        });
        if (!opened.ok) {
          letters.push({ raw, reason: opened.reason, read: { pattern: BATCH_PATTERN, eventId: opened.batchId } });
          continue;
        }
        for (const item of opened.events)
          items.push({ raw: { ...raw, subject: item.subject, data: item.data, batch: raw }, protection: VERIFIED_BY_BATCH });
      } else items.push({ raw, protection: this.protection });
      for (const item of items) {
        const inspection = await this.inspect(item.raw, item.protection);
        if (!inspection.ok) {
          const { reason, eventId, pattern, envelope } = inspection;
          letters.push({ raw: asStored(item.raw), reason, read: { eventId, pattern, envelope } });
          continue;
        }
        const { envelope, contract } = inspection;
        const read = { eventId: envelope.id, pattern: contract.pattern, envelope };
        if (!this.receipts.isReceipt(contract) && !handlers(contract.pattern)) {
          letters.push({ raw: asStored(item.raw), reason: `no handler for ${contract.pattern} on this node`, read });
          continue;
        }
        // A bulk projection writes no receipt: an event that asks for one goes through its handler.
        const bulk = contract.receipt && envelope.to !== BROADCAST ? undefined : projections.get(contract.pattern);
        const rejection = bulk?.rejection(envelope);
        if (rejection !== undefined) {
          letters.push({ raw: asStored(item.raw), reason: `rejected: ${rejection}`, read });
          continue;
        }
        const keys = bulk?.keys(envelope);
        events.push({ raw: item.raw, envelope, contract, bulk: bulk && keys ? { projection: bulk, keys } : undefined });
      }
    }
    const outcomes = new Map<number, Outcome>();
    const applied: Array<{ envelope: EventEnvelope<object>; duplicate: boolean }> = [];
    const emitted = { count: 0 };
    try {
      await this.dataSource.transaction(async (manager) => {
        const inbox = new InboxRepository(manager);
        // The first of an id in these messages is new unless the inbox has it; every later one is a duplicate.
        const first = new Map<string, number>();
        const repeats = new Map<string, number>();
        for (const [index, { envelope, bulk }] of events.entries()) {
          if (!bulk) continue;
          const id = envelope.id.toLowerCase(); // as the uuid column compares them
          if (first.has(id)) {
            repeats.set(id, (repeats.get(id) ?? 0) + 1);
            outcomes.set(index, 'duplicate');
          } else first.set(id, index);
        }
        const entries = [...first.values()].map((index) =>
          this.inboxEntry(events[index].raw, events[index].envelope, events[index].contract),
        );
        const fresh = await inbox.recordMany(entries);
        for (const [id, index] of first) {
          if (!fresh.has(id)) {
            repeats.set(id, (repeats.get(id) ?? 0) + 1);
            outcomes.set(index, 'duplicate');
          }
        }
        await inbox.countDuplicates(repeats);
        const todo = [...events.keys()].filter((index) => !outcomes.has(index));
        const rounds = applicationRounds(todo.map((index) => events[index].bulk?.keys));
        const tx = new Transaction(manager, this.config, undefined, undefined, this.protection);
        for (const round of rounds) {
          const [only] = round;
          const alone = events[todo[only]];
          if (!alone.bulk) {
            const { raw, envelope, contract } = alone;
            const handler = this.receipts.isReceipt(contract) ? undefined : handlers(contract.pattern);
            await manager.query('SAVEPOINT batched_event');
            try {
              const duplicate = await runWithCorrelation(envelope.correlationId, () =>
                this.applyIn(manager, raw, envelope, contract, handler, emitted),
              );
              await manager.query('RELEASE SAVEPOINT batched_event');
              outcomes.set(todo[only], duplicate ? 'duplicate' : 'applied');
            } catch (err) {
              if (!(err instanceof Rejection)) throw err;
              await manager.query('ROLLBACK TO SAVEPOINT batched_event');
              letters.push({
                raw: asStored(raw),
                reason: `rejected: ${err.reason}`,
                read: { eventId: envelope.id, pattern: contract.pattern, envelope },
              });
            }
            continue;
          }
          const byPattern = new Map<BulkProjection, Array<EventEnvelope<object>>>();
          for (const position of round) {
            const { envelope, bulk } = events[todo[position]];
            const group = byPattern.get(bulk!.projection) ?? [];
            group.push(envelope);
            byPattern.set(bulk!.projection, group);
            outcomes.set(todo[position], 'applied');
          }
          for (const [projection, envelopes] of byPattern) await projection.apply(tx, envelopes);
        }
        emitted.count += tx.emittedCount;
      });
    } catch (err) {
      this.log.warn(`${raws.length} messages applied in bulk failed, will apply them one by one: ${describe(err)}`);
      return 'retry';
    }
    for (const [index, outcome] of outcomes)
      if (outcome !== 'retry') applied.push({ envelope: events[index].envelope, duplicate: outcome === 'duplicate' });
    const stored: Outcome[] = [];
    for (const { raw, reason, read } of letters) stored.push(await this.deadLetters.store(raw, reason, read));
    if (emitted.count) this.relay.wake();
    try {
      for (const { envelope, duplicate } of applied) await this.hooks.afterCommit?.(envelope, { duplicate });
    } catch (err) {
      // Committed already: applied again, the events meet their inbox rows (as a live redelivery does).
      this.log.warn(`an after-commit hook failed, will apply the messages again: ${describe(err)}`);
      return 'retry';
    }
    for (const outcome of [...outcomes.values(), ...stored]) tally?.(outcome);
    return 'done';
  }

  private inboxEntry(raw: RawEvent, envelope: EventEnvelope<object>, contract: EventContract) {
    return {
      eventId: envelope.id,
      pattern: contract.pattern,
      fromAgency: envelope.source.agency,
      caseId: envelope.caseId ?? null,
      occurredAt: envelope.occurredAt,
      streamSeq: raw.streamSeq ?? null,
      consumer: raw.consumer,
    };
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
    const emitted = { count: 0 };
    try {
      await this.dataSource.transaction(async (manager) => {
        duplicate = await this.applyIn(manager, raw, envelope, contract, handler, emitted);
      });
    } catch (err) {
      if (err instanceof Rejection) return this.deadLetters.store(asStored(raw), `rejected: ${err.reason}`, read);
      this.log.warn(`event ${envelope.id} (${contract.pattern}) failed, will retry: ${describe(err)}`);
      return 'retry';
    }
    if (emitted.count) this.relay.wake();
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
    /** Counts what this transaction wrote to the outbox, so the relay is woken only when there is something to publish. */
    emitted: { count: number },
  ): Promise<boolean> {
    const tx = new Transaction(manager, this.config, envelope, undefined, this.protection);
    if (!handler) {
      await this.receipts.record(tx, envelope as EventEnvelope<DeliveryReceivedV1>);
      emitted.count += tx.emittedCount;
      return false;
    }
    const duplicate = !(await new InboxRepository(manager).record(this.inboxEntry(raw, envelope, contract)));
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
    emitted.count += tx.emittedCount;
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
