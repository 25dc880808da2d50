import { Inject, Injectable } from '@nestjs/common';
import { DeliveryReceived, findContract } from '@rujukan/contracts';
import type { DeliveryReceivedV1, EventContract, EventEnvelope } from '@rujukan/contracts';
import type { MessagingConfig } from '../messaging.config.js';
import { MESSAGING_CONFIG } from '../messaging.constants.js';
import { OutboxRepository } from '../repositories/outbox.repository.js';
import type { Transaction } from '../transaction/transaction.js';

/**
 * End-to-end receipts (docs/messaging.md): the receiver sends one for every
 * addressed event that reached it, and the sender marks its outbox row when
 * the addressee's receipt comes back.
 */
@Injectable()
export class Receipts {
  constructor(@Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig) {}

  /** Receipts are applied by the transport itself; no handler sees them. */
  isReceipt(contract: EventContract): boolean {
    return contract.pattern === DeliveryReceived.pattern;
  }

  /** Marks the sender's outbox row delivered; only the addressee's receipt counts. */
  async record(tx: Transaction, receipt: EventEnvelope<DeliveryReceivedV1>): Promise<void> {
    await new OutboxRepository(tx.manager).markReceipted(receipt.payload.eventId, receipt.source.agency);
  }

  /** After an applied event, duplicates included: the first receipt may be the one that was lost. */
  async sendForApplied(tx: Transaction, envelope: EventEnvelope<object>, contract: EventContract): Promise<void> {
    if (contract.receipt && envelope.to === this.config.agency) await this.send(tx, envelope, contract.pattern);
  }

  /**
   * After a dead letter whose envelope could be read: the event reached this
   * node (its dead-letter store), so its sender must stop re-sending it.
   * Unknown contracts count as addressed events; receipts get none.
   */
  async sendForDeadLettered(tx: Transaction, envelope: EventEnvelope, pattern: string | undefined): Promise<void> {
    if (envelope.to === this.config.agency && pattern !== DeliveryReceived.pattern && findContract(pattern ?? '')?.receipt !== false) {
      await this.send(tx, envelope, pattern!);
    }
  }

  private async send(tx: Transaction, envelope: EventEnvelope<unknown>, pattern: string): Promise<void> {
    await tx.emit(DeliveryReceived, { to: envelope.source.agency, caseId: envelope.caseId, payload: { eventId: envelope.id, pattern } });
  }
}
