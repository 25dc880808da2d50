import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { IntakeSealedColumns, SEALED_HANDOVER_IN, SEALED_HANDOVER_OUT } from '../cases/sealed-columns.js';
import { IncomingHandover, OutgoingHandover } from './hand-over.entities.js';

/** Hand-overs this unit asked for (handover_out) and those asked of it (handover_in); what they say of people is sealed. */
@Injectable()
export class HandOverRepository {
  constructor(private readonly sealed: IntakeSealedColumns) {}

  async insertOutgoing(tx: Transaction, fields: Partial<OutgoingHandover>): Promise<OutgoingHandover> {
    const [handover] = await this.sealed.insert(tx.manager, SEALED_HANDOVER_OUT, [fields]);
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
    const [row] = await tx.manager.query<Array<{ case_id: string }>>(`SELECT case_id FROM handover_out WHERE id = $1`, [id]);
    if (!row) return;
    await tx.manager
      .getRepository(OutgoingHandover)
      .update({ id }, await this.sealed.seal(tx.manager, SEALED_HANDOVER_OUT, row.case_id, fields));
  }

  /** Keeps a request once: a repeated one is ignored. */
  async keepIncoming(tx: Transaction, fields: Partial<IncomingHandover>): Promise<void> {
    const values = fields.id ? await this.sealed.seal(tx.manager, SEALED_HANDOVER_IN, fields.id, fields) : fields;
    await tx.manager.createQueryBuilder().insert().into(IncomingHandover).values(values).orIgnore().execute();
  }

  lockIncoming(tx: Transaction, id: string): Promise<IncomingHandover | null> {
    return tx.manager.getRepository(IncomingHandover).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateIncoming(tx: Transaction, id: string, fields: Partial<IncomingHandover>): Promise<void> {
    await tx.manager.getRepository(IncomingHandover).update({ id }, await this.sealed.seal(tx.manager, SEALED_HANDOVER_IN, id, fields));
  }
}
