import { Injectable } from '@nestjs/common';
import { advanceState, type EventEnvelope, type VisumDeclinedV1, type VisumIssuedV1 } from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { VISUM_STATE_RANK } from '../visum/visum-request.entity.js';
import { VisumRequestRepository } from '../visum/visum-request.repository.js';

@Injectable()
export class KeepVisumAnswerService {
  constructor(private readonly requests: VisumRequestRepository) {}

  /** The health agency's answer. The first answer stands; a late or repeated one changes nothing. */
  async answered(tx: Transaction, event: EventEnvelope<VisumIssuedV1 | VisumDeclinedV1>, state: 'issued' | 'declined'): Promise<void> {
    const request = await this.requests.findLocked(tx, event.payload.requestId);
    if (!request) throw new EventRejected('unknown visum request');
    if (request.healthAgencyId !== event.source.agency) throw new EventRejected('only the health agency asked may answer a visum request');
    if (advanceState(VISUM_STATE_RANK, request.state, state) === request.state) return; // late or repeated
    const p = event.payload;
    await this.requests.update(
      tx,
      request.id,
      'referenceNumber' in p
        ? { state, referenceNumber: p.referenceNumber, issuedOn: p.issuedOn, answeredAt: new Date() }
        : { state, declineReason: p.reason, declineNote: p.note ?? null, answeredAt: new Date() },
    );
  }
}
