import { Injectable } from '@nestjs/common';
import type { EventEnvelope, VisumRequestedV1 } from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { VisumRequestRepository } from '../visum/visum-request.repository.js';

@Injectable()
export class ReceiveVisumRequestService {
  constructor(private readonly requests: VisumRequestRepository) {}

  /** A request arrived, kept as it comes. A re-sent one is dropped by the inbox; an id seen twice is kept once. */
  async receive(tx: Transaction, event: EventEnvelope<VisumRequestedV1>): Promise<void> {
    if (event.source.node !== 'legal-aid')
      throw new EventRejected('a visum is requested by a legal-aid node (police, prosecutor, legal aid)');
    if (!event.caseId || !event.victimId) throw new EventRejected('a visum request names its case and victim');
    const p = event.payload;
    await this.requests.insertOnce(tx, {
      id: p.requestId,
      fromAgency: event.source.agency,
      caseId: event.caseId,
      victimId: event.victimId,
      kind: p.kind,
      letterNumber: p.letterNumber,
      requestedOn: p.requestedOn,
      state: 'requested',
    });
  }
}
