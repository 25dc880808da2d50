import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { IncomingHandover, OutgoingHandover } from './hand-over.entities.js';

/** Hand-overs this unit asked for (handover_out) and those asked of it (handover_in). */
@Injectable()
export class HandOverRepository {
  async insertOutgoing(tx: Transaction, fields: Partial<OutgoingHandover>): Promise<OutgoingHandover> {
    const handover = tx.manager.getRepository(OutgoingHandover).create(fields);
    await tx.manager.getRepository(OutgoingHandover).insert(handover);
    return handover;
  }

  /** True while a hand-over of the case waits for an answer. */
  isWaiting(tx: Transaction, caseId: string): Promise<boolean> {
    return tx.manager.getRepository(OutgoingHandover).existsBy({ caseId, state: 'requested' });
  }

  lockOutgoing(tx: Transaction, id: string): Promise<OutgoingHandover | null> {
    return tx.manager.getRepository(OutgoingHandover).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateOutgoing(tx: Transaction, id: string, fields: Partial<OutgoingHandover>): Promise<void> {
    await tx.manager.getRepository(OutgoingHandover).update({ id }, fields);
  }

  /** Keeps a request once: a repeated one is ignored. */
  async keepIncoming(tx: Transaction, fields: Partial<IncomingHandover>): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(IncomingHandover).values(fields).orIgnore().execute();
  }

  lockIncoming(tx: Transaction, id: string): Promise<IncomingHandover | null> {
    return tx.manager.getRepository(IncomingHandover).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateIncoming(tx: Transaction, id: string, fields: Partial<IncomingHandover>): Promise<void> {
    await tx.manager.getRepository(IncomingHandover).update({ id }, fields);
  }
}
