import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { VisumRequest } from './visum-request.entity.js';

/** Writes to `visum_request` (the requests this health agency received). */
@Injectable()
export class VisumRequestRepository {
  /** Keeps a request; an id seen before is ignored. */
  async insertOnce(tx: Transaction, values: Omit<VisumRequest, 'receivedAt' | OptionalAnswer>): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(VisumRequest).values(values).orIgnore().execute();
  }

  findLocked(tx: Transaction, id: string): Promise<VisumRequest | null> {
    return tx.manager.getRepository(VisumRequest).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  isIssuedUnder(tx: Transaction, referenceNumber: string): Promise<boolean> {
    return tx.manager.getRepository(VisumRequest).existsBy({ referenceNumber, state: 'issued' });
  }

  async save(tx: Transaction, request: VisumRequest): Promise<void> {
    await tx.manager.getRepository(VisumRequest).save(request);
  }
}

type OptionalAnswer =
  'referralId' | 'referenceNumber' | 'issuedOn' | 'declineReason' | 'declineNote' | 'answeredBy' | 'answeredAt' | 'serviceRecordId';
