import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { ReferralSealedColumns } from '@rujukan/service-node';
import { SEALED_VISUM_REQUEST_OUT, VisumRequestOut } from './visum-request.entity.js';

/** Writes to `visum_request` (the requests this agency sent); the hospital's decline note is stored sealed with the referral's data key. */
@Injectable()
export class VisumRequestRepository {
  constructor(private readonly sealed: ReferralSealedColumns) {}

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
    const repo = tx.manager.getRepository(VisumRequestOut);
    const { referralId } = await repo.findOneOrFail({ where: { id }, select: { referralId: true } });
    await repo.update({ id }, await this.sealed.seal(tx.manager, SEALED_VISUM_REQUEST_OUT, referralId, changes));
  }

  /** The health agencies asked for a visum for this victim: her erasure request goes on to them. */
  async healthAgenciesOf(tx: Transaction, victimId: string): Promise<string[]> {
    const rows: Array<{ agency: string }> = await tx.manager.query(
      `SELECT DISTINCT v.health_agency_id AS agency FROM visum_request v JOIN incoming_referral r ON r.referral_id = v.referral_id
        WHERE r.victim_id = $1`,
      [victimId],
    );
    return rows.map((r) => r.agency);
  }
}
