import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { IncomingHandover, OutgoingHandover, type HandoverState } from '../hand-over/hand-over.entities.js';

/** Hand-overs as staff list them. */
@Injectable()
export class HandOversQuery {
  /** The hand-overs this unit asked for, of one case, oldest first. */
  ofCase(tx: Transaction, caseId: string): Promise<OutgoingHandover[]> {
    return tx.manager.getRepository(OutgoingHandover).find({ where: { caseId }, order: { requestedAt: 'ASC' } });
  }

  /** Cases other units asked us to take over, oldest first. */
  incoming(tx: Transaction, state?: HandoverState): Promise<IncomingHandover[]> {
    return tx.manager.getRepository(IncomingHandover).find({ where: state ? { state } : {}, order: { receivedAt: 'ASC' }, take: 200 });
  }

  incomingOne(tx: Transaction, id: string): Promise<IncomingHandover | null> {
    return tx.manager.getRepository(IncomingHandover).findOneBy({ id });
  }
}
