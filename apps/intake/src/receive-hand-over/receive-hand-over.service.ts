import { Injectable } from '@nestjs/common';
import type { CaseHandoverRequestedV1, EventEnvelope } from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { HandOverRepository } from '../hand-over/hand-over.repository.js';

@Injectable()
export class ReceiveHandOverService {
  constructor(private readonly handOvers: HandOverRepository) {}

  /** Receiver: keeps the request until a supervisor answers it. */
  async receive(tx: Transaction, event: EventEnvelope<CaseHandoverRequestedV1>): Promise<void> {
    if (event.source.node !== 'intake') throw new EventRejected('a case is handed over by a UPTD PPA (intake node) only');
    if (!event.caseId) throw new EventRejected('a hand-over names the sender’s case');
    const badIndex = event.payload.referrals.find((r) => r.victim >= event.payload.victims.length);
    if (badIndex) throw new EventRejected('a referral names a victim the hand-over does not carry');
    await this.handOvers.keepIncoming(tx, {
      id: event.payload.handoverId,
      fromAgency: event.source.agency,
      senderCaseId: event.caseId,
      state: 'requested',
      request: event.payload,
    });
  }
}
