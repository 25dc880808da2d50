import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { ReferralSealedColumns } from '@rujukan/service-node';
import { SEALED_VISUM_REQUEST, VisumRequest } from './visum-request.entity.js';

/** Writes to `visum_request` (the requests this health agency received); a decline's note is stored sealed with her data key. */
@Injectable()
export class VisumRequestRepository {
  constructor(private readonly sealed: ReferralSealedColumns) {}

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
    const repo = tx.manager.getRepository(VisumRequest);
    await repo.save(repo.create(await this.sealed.seal(tx.manager, SEALED_VISUM_REQUEST, request.victimId, { ...request })));
  }
}

type OptionalAnswer =
  'referralId' | 'referenceNumber' | 'issuedOn' | 'declineReason' | 'declineNote' | 'answeredBy' | 'answeredAt' | 'serviceRecordId';
