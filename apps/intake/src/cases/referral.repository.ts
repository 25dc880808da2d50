import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Transaction } from '@rujukan/messaging';
import type { DeclineReasonCode, ReferralState } from '@rujukan/contracts';
import { Referral } from './referral.entity.js';
import { IntakeSealedColumns, SEALED_REFERRAL } from './sealed-columns.js';

/** Referrals as the sender keeps them; what they say about her is stored sealed with her data key. */
@Injectable()
export class ReferralRepository {
  constructor(private readonly sealed: IntakeSealedColumns) {}

  /** The referral as made (readable); the row holds its notes sealed. */
  async insert(tx: Transaction, fields: Partial<Referral>): Promise<Referral> {
    const repo = tx.manager.getRepository(Referral);
    const referral = repo.create(fields);
    const stored = repo.create(await this.sealed.seal(tx.manager, SEALED_REFERRAL, referral.victimId, { ...referral }));
    await repo.insert(stored);
    // What the database filled in (its defaults) goes back to the readable one.
    for (const column of repo.metadata.columns) {
      const p = column.propertyName as keyof Referral;
      if (referral[p] === undefined && stored[p] !== undefined) Object.assign(referral, { [p]: stored[p] });
    }
    return referral;
  }

  find(tx: Transaction, id: string): Promise<Referral | null> {
    return tx.manager.getRepository(Referral).findOneBy({ id });
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

  /** Writes a changed referral back (its columns, the notes sealed); the one passed stays readable. */
  async save(tx: Transaction, referral: Referral): Promise<void> {
    const repo = tx.manager.getRepository(Referral);
    const columns: Partial<Referral> = {};
    for (const column of repo.metadata.columns) {
      const p = column.propertyName as keyof Referral;
      if (p !== 'id' && referral[p] !== undefined) Object.assign(columns, { [p]: referral[p] });
    }
    await repo.update({ id: referral.id }, await this.sealed.seal(tx.manager, SEALED_REFERRAL, referral.victimId, columns));
  }

  /** An answer to an external referral, recorded by hand (its note is the referral's outcome note): a timeline entry. */
  async recordExternalAnswer(
    tx: Transaction,
    referralId: string,
    state: ReferralState,
    declineCode: DeclineReasonCode | null,
    staffId: string,
  ): Promise<void> {
    await tx.manager.query(
      `INSERT INTO external_referral_answer (id, referral_id, state, decline_code, recorded_by) VALUES ($1, $2, $3, $4, $5)`,
      [randomUUID(), referralId, state, declineCode, staffId],
    );
  }
}
