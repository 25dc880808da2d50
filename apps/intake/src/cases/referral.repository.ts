import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { Referral } from './referral.entity.js';

/** Referrals as the sender keeps them. */
@Injectable()
export class ReferralRepository {
  async insert(tx: Transaction, fields: Partial<Referral>): Promise<Referral> {
    const referral = tx.manager.getRepository(Referral).create(fields);
    await tx.manager.getRepository(Referral).insert(referral);
    return referral;
  }

  /** Locked until the transaction ends: one change of a referral at a time. */
  lock(tx: Transaction, id: string): Promise<Referral | null> {
    return tx.manager.getRepository(Referral).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every referral of a victim, locked. */
  lockOfVictim(tx: Transaction, victimId: string): Promise<Referral[]> {
    return tx.manager.getRepository(Referral).find({ where: { victimId }, lock: { mode: 'pessimistic_write' } });
  }

  ofCase(tx: Transaction, caseId: string): Promise<Referral[]> {
    return tx.manager.getRepository(Referral).find({ where: { caseId }, order: { createdAt: 'ASC' } });
  }

  async save(tx: Transaction, referral: Referral): Promise<void> {
    await tx.manager.getRepository(Referral).save(referral);
  }
}
