import { Injectable } from '@nestjs/common';
import type { CaseHandoverAnsweredV1, CaseHandoverDeclinedV1, EventEnvelope } from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';
import { HandOverRepository } from '../hand-over/hand-over.repository.js';

@Injectable()
export class TrackHandOverService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly handOvers: HandOverRepository,
  ) {}

  /** Sender: the receiver's answer. Accepted moves ownership away: the case here is closed-referred. */
  async answered(
    tx: Transaction,
    event: EventEnvelope<CaseHandoverAnsweredV1 | CaseHandoverDeclinedV1>,
    state: 'accepted' | 'declined',
  ): Promise<void> {
    const handover = await this.handOvers.lockOutgoing(tx, event.payload.handoverId);
    if (!handover) throw new EventRejected('unknown hand-over');
    if (handover.toAgency !== event.source.agency) throw new EventRejected('only the addressed unit may answer a hand-over');
    if (handover.state !== 'requested') {
      if (handover.state === state) return; // repeated
      throw new EventRejected(`hand-over was ${handover.state} already`);
    }
    const now = new Date();
    await this.handOvers.updateOutgoing(tx, handover.id, {
      state,
      answeredAt: now,
      answeredBy: event.payload.actor.staffId,
      declineReason: 'reason' in event.payload ? event.payload.reason : null,
    });
    if (state === 'accepted') {
      await this.cases.update(tx, handover.caseId, {
        status: 'closed-referred',
        closedAt: now,
        closedBy: `handed-over:${handover.toAgency}`,
        closureNote: `handed over to ${handover.toAgency}: ${handover.reason}`,
      });
    }
  }
}
