import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@rujukan/contracts';
import { describe } from '../bus-connection.js';
import type { MessagingConfig } from '../messaging.config.js';
import { MESSAGING_CONFIG } from '../messaging.constants.js';
import { EnvelopeProtection } from '../keys/envelope-protection.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { DeadLetterRepository } from '../repositories/dead-letter.repository.js';
import { Transaction } from '../transaction/transaction.js';
import type { Outcome, RawEvent } from './raw-event.js';
import { Receipts } from './receipts.js';

/** What could be read of a dead-lettered event before it failed. */
export interface ReadSoFar {
  eventId?: string;
  pattern?: string;
  envelope?: EventEnvelope;
}

/**
 * Stores events that can never succeed as they are, in the node's own
 * database, with their reason: the bytes as they came, identifying fields
 * still sealed (a replay opens them again).
 */
@Injectable()
export class DeadLetterStore {
  private readonly log = new Logger('JetStreamTransport');

  constructor(
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly dataSource: DataSource,
    private readonly receipts: Receipts,
    private readonly relay: OutboxRelay,
    private readonly protection: EnvelopeProtection,
  ) {}

  /**
   * Stores the event as it is. For an addressed event whose envelope could be
   * read, the receipt goes back in the same transaction. A re-send that
   * arrives anyway adds no second letter; a failed replay updates its own
   * letter. 'retry' if the store itself failed.
   */
  async store(raw: RawEvent, reason: string, read: ReadSoFar = {}): Promise<Outcome> {
    const { eventId, pattern, envelope } = read;
    try {
      await this.dataSource.transaction(async (manager) => {
        const letters = new DeadLetterRepository(manager);
        if (raw.deadLetterId) {
          await letters.recordFailedReplay(raw.deadLetterId, reason);
          return;
        }
        // Without a readable id, the stream sequence tells a redelivery of the same message (its ack was lost).
        const open = eventId
          ? await letters.isOpenForEvent(eventId)
          : raw.streamSeq !== undefined
            ? await letters.isOpenForStreamSeq(raw.consumer, raw.streamSeq)
            : false;
        if (!open) {
          await letters.insert({
            consumer: raw.consumer,
            subject: raw.subject,
            streamSeq: raw.streamSeq ?? null,
            eventId: eventId ?? null,
            pattern: pattern ?? null,
            reason,
            data: raw.data,
          });
        }
        if (envelope)
          await this.receipts.sendForDeadLettered(
            new Transaction(manager, this.config, envelope, undefined, this.protection),
            envelope,
            pattern,
          );
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
