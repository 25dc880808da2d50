import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { VisumRequestOut } from './visum-request.entity.js';

/** Writes to `visum_request` (the requests this agency sent). */
@Injectable()
export class VisumRequestRepository {
  isWaiting(tx: Transaction, referralId: string, healthAgencyId: string): Promise<boolean> {
    return tx.manager.getRepository(VisumRequestOut).existsBy({ referralId, healthAgencyId, state: 'requested' });
  }

  async insert(
    tx: Transaction,
    values: Omit<VisumRequestOut, 'requestedAt' | 'referenceNumber' | 'issuedOn' | 'declineReason' | 'declineNote' | 'answeredAt'>,
  ): Promise<VisumRequestOut> {
    const repo = tx.manager.getRepository(VisumRequestOut);
    const request = repo.create(values);
    await repo.insert(request);
    return request;
  }

  findLocked(tx: Transaction, id: string): Promise<VisumRequestOut | null> {
    return tx.manager.getRepository(VisumRequestOut).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(tx: Transaction, id: string, changes: Partial<VisumRequestOut>): Promise<void> {
    await tx.manager.getRepository(VisumRequestOut).update({ id }, changes);
  }
}
