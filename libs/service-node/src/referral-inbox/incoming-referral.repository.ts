import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { IncomingReferral } from './incoming-referral.entity.js';
import { ReferralSealedColumns, SEALED_REFERRAL } from './sealed-referral.js';

/** Every write to `incoming_referral`: the one table this library owns. Her person and free text are stored sealed with her data key. */
@Injectable()
export class IncomingReferralRepository {
  constructor(private readonly sealed: ReferralSealedColumns) {}

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
    await repo.insert(await this.sealFor(tx, values.victimId ?? null, values));
    return repo.findOneByOrFail({ referralId: values.referralId });
  }

  async update(tx: Transaction, referralId: string, changes: Partial<IncomingReferral>): Promise<void> {
    const victimId =
      changes.victimId ??
      (await tx.manager.getRepository(IncomingReferral).findOne({ where: { referralId }, select: { victimId: true } }))?.victimId;
    await tx.manager.getRepository(IncomingReferral).update({ referralId }, await this.sealFor(tx, victimId ?? null, changes));
  }

  /** A referral a revocation overtook names nobody yet: nothing about her to seal. */
  private sealFor(tx: Transaction, victimId: string | null, values: Partial<IncomingReferral>): Promise<Partial<IncomingReferral>> {
    return victimId ? this.sealed.seal(tx.manager, SEALED_REFERRAL, victimId, values) : Promise.resolve(values);
  }
}
