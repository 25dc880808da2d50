import { randomUUID } from 'node:crypto';
import { instanceToPlain } from 'class-transformer';
import type { EntityManager } from 'typeorm';
import { BROADCAST, buildSubject, EventContract, EventEnvelope, SPEC_VERSION } from '@rujukan/contracts';
import type { EnvelopeProtection } from '../keys/envelope-protection.js';
import { dayOf } from '../keys/sealed-batch.js';
import { MessagingConfig } from '../messaging.config.js';
import { OutboxRepository } from '../repositories/outbox.repository.js';
import { validatePayload } from './validate-payload.js';

/** What a producer says about one event; the envelope is filled in for it. */
export interface EmitOptions<P> {
  payload: P;
  /** Addressed agency id, or BROADCAST (`all`). */
  to: string;
  caseId?: string;
  victimId?: string;
}

/**
 * One database transaction of a node. Every write goes through `manager`;
 * every event goes through `emit`, which writes it to the outbox in the same
 * transaction, so a state change and its events commit or vanish together.
 */
export class Transaction {
  private emitted = 0;

  constructor(
    /** The transaction's entity manager: get every repository from it. */
    readonly manager: EntityManager,
    private readonly config: MessagingConfig,
    /** The event being handled, if any: emitted events inherit its correlation. */
    readonly cause?: EventEnvelope,
    private readonly correlationId: string = cause?.correlationId ?? randomUUID(),
    /** Seals and signs each envelope before it is written (absent: a unit test's transaction). */
    private readonly protection?: EnvelopeProtection,
  ) {}

  /** Number of events written to the outbox so far. */
  get emittedCount(): number {
    return this.emitted;
  }

  /**
   * Validates the payload against its contract and writes the event to the
   * outbox. A broadcast gets a fresh id, its own correlation, no causation and
   * the day only; the relay sends it later in a shuffled, sealed batch.
   */
  async emit<P extends object>(contract: EventContract<P>, options: EmitOptions<P>): Promise<EventEnvelope<P>> {
    const { value, errors } = await validatePayload(contract.payload, options.payload, 'produce');
    if (errors.length) {
      throw new Error(`event ${contract.pattern} does not match its contract: ${errors.join('; ')}`);
    }
    const broadcast = options.to === BROADCAST;
    const id = randomUUID();
    const written: EventEnvelope<P> = {
      specversion: SPEC_VERSION,
      id,
      type: contract.type,
      version: contract.version,
      // A broadcast links to nothing (docs/security.md): the day only, its own id as correlation, no cause.
      occurredAt: broadcast ? dayOf(new Date()) : new Date().toISOString(),
      source: { agency: this.config.agency, node: this.config.node },
      to: options.to,
      caseId: options.caseId,
      victimId: options.victimId,
      correlationId: broadcast ? id : this.correlationId,
      causationId: broadcast ? undefined : this.cause?.id,
      payload: instanceToPlain(value) as P,
    };
    // What the outbox, the bus and every dead letter hold: the identifying fields sealed, the whole signed.
    const envelope = this.protection ? this.protection.protect(written, contract) : written;
    const subject = buildSubject(this.config.prefix, {
      area: contract.area,
      event: contract.event,
      version: contract.version,
      from: this.config.agency,
      to: options.to,
    });
    await new OutboxRepository(this.manager).insert({
      eventId: envelope.id,
      pattern: contract.pattern,
      subject,
      recipient: options.to,
      caseKey: options.caseId ?? envelope.id,
      envelope,
      requiresReceipt: contract.receipt && options.to !== BROADCAST,
    });
    this.emitted++;
    return written;
  }
}
