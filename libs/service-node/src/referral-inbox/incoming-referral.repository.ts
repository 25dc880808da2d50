import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { IncomingReferral } from './incoming-referral.entity.js';

/** Every write to `incoming_referral`: the one table this library owns. */
@Injectable()
export class IncomingReferralRepository {
  /** The referral, locked for the rest of the transaction when `lock`. */
  find(tx: Transaction, referralId: string, lock = false): Promise<IncomingReferral | null> {
    return tx.manager.getRepository(IncomingReferral).findOne({
      where: { referralId },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
  }

  /** Inserts a referral and returns it as stored (with the columns' defaults). */
  async insert(tx: Transaction, values: Partial<IncomingReferral> & Pick<IncomingReferral, 'referralId'>): Promise<IncomingReferral> {
    const repo = tx.manager.getRepository(IncomingReferral);
    await repo.insert(values);
    return repo.findOneByOrFail({ referralId: values.referralId });
  }

  async update(tx: Transaction, referralId: string, changes: Partial<IncomingReferral>): Promise<void> {
    await tx.manager.getRepository(IncomingReferral).update({ referralId }, changes);
  }
}
