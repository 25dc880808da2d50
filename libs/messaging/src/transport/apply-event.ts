import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
    const outcomes: Outcome[] = [];
    for (const item of opened.events) {
      if (only && item.eventId !== only) continue;
      outcomes.push(await this.processOne({ ...raw, subject: item.subject, data: item.data, batch: raw }, handlers, VERIFIED_BY_BATCH));
    }
    // One event to retry sends the batch round again: the applied ones meet their inbox rows then.
    if (outcomes.includes('retry')) return 'retry';
    for (const o of outcomes) tally?.(o);
    if (only) return outcomes[0] ?? 'dead-lettered';
    return 'applied';
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
    let inspection: Inspection;
    try {
      inspection = await inspectEvent(this.config.prefix, this.config.agency, raw.subject, raw.data, {
        maxBytes: this.config.maxEventBytes,
        maxDepth: this.config.maxEventDepth,
        registry: this.registry,
        role: this.config.node,
        protection,
      });
    } catch (err) {
      // inspectEvent catches its own failures; this is the last line, so nothing before a handler escapes.
      inspection = { ok: false, reason: `could not be inspected: ${describe(err)}` };
    }
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

  private async apply(raw: RawEvent, envelope: EventEnvelope<object>, contract: EventContract, handlers: HandlerLookup): Promise<Outcome> {
    const read = { eventId: envelope.id, pattern: contract.pattern, envelope };
    const internal = this.receipts.isReceipt(contract);
    const handler = internal ? undefined : handlers(contract.pattern);
    if (!internal && !handler) return this.deadLetters.store(asStored(raw), `no handler for ${contract.pattern} on this node`, read);

    let duplicate = false;
    try {
      await this.dataSource.transaction(async (manager) => {
        const tx = new Transaction(manager, this.config, envelope, undefined, this.protection);
        if (internal) {
          await this.receipts.record(tx, envelope as EventEnvelope<DeliveryReceivedV1>);
          return;
        }
        duplicate = !(await new InboxRepository(manager).record({
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
            await handler!(envelope, new EventContext([envelope, tx, info]));
          } catch (err) {
            const reason = rejectionReason(err);
            throw reason !== undefined ? new Rejection(reason) : err;
          }
        }
        await this.receipts.sendForApplied(tx, envelope, contract);
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
}

/**
 * What the dead-letter store keeps of an event: a batched one as its whole
 * batch (still sealed), so a replay verifies and opens it again.
 */
function asStored(raw: RawEvent): RawEvent {
  return raw.batch ?? raw;
}
