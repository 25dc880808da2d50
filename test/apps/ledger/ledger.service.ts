import { Injectable } from '@nestjs/common';
import { advanceState, EventEnvelope, REFERRAL_STATE_RANK, ReferralState } from '@rujukan/contracts';
import { EventRejected, Transaction } from '@rujukan/messaging';
import { Item, ReceivedNote } from './ledger.entities.js';
import { NoteSentV1 } from './ledger.contracts.js';

@Injectable()
export class LedgerService {
  async recordNote(tx: Transaction, event: EventEnvelope<NoteSentV1>, deliveryCount: number): Promise<void> {
    const p = event.payload;
    if (p.refuse) throw new EventRejected(p.refuse);
    await tx.manager.getRepository(ReceivedNote).insert({
      noteId: p.noteId,
      eventId: event.id,
      fromAgency: event.source.agency,
      text: p.text,
      deliveryCount,
    });
    if (p.failUntilDelivery && deliveryCount < p.failUntilDelivery) {
      throw new Error('injected transient failure after the first write');
    }
  }

  /** Moves an item forward only: late or repeated steps change nothing. */
  async advanceItem(tx: Transaction, itemId: string, incoming: ReferralState): Promise<void> {
    const repo = tx.manager.getRepository(Item);
    // Lock the row so two steps of one item cannot interleave.
    const current = await repo.findOne({ where: { itemId }, lock: { mode: 'pessimistic_write' } });
    const next = advanceState(REFERRAL_STATE_RANK, current?.state, incoming);
    if (!current) await repo.insert({ itemId, state: next });
    else if (next !== current.state) await repo.update({ itemId }, { state: next });
  }
}
