import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { IncomingReferral } from '../referral-inbox/incoming-referral.entity.js';

/** Referrals as a node's own views need them, read from the inbox's table by the inbox. */
@Injectable()
export class ReferralLookupQuery {
  /** The referrals with these ids, by id (ids without a referral are left out). */
  async byIds(db: EntityManager, ids: readonly string[]): Promise<Map<string, IncomingReferral>> {
    if (!ids.length) return new Map();
    const rows = await db.getRepository(IncomingReferral).findBy({ referralId: In([...new Set(ids)]) });
    return new Map(rows.map((r) => [r.referralId, r]));
  }

  /**
   * A node's list rows, each naming its referral, with her name from the
   * referral (null when not given); rows whose referral is unknown here are left out.
   */
  async withNames<R extends { referralId: string }>(db: EntityManager, rows: R[]): Promise<Array<R & { name: string | null }>> {
    const referrals = await this.byIds(
      db,
      rows.map((r) => r.referralId),
    );
    return rows.flatMap((r) => {
      const referral = referrals.get(r.referralId);
      return referral ? [{ ...r, name: referral.person.name ?? null }] : [];
    });
  }

  /** Every referral this agency holds for the victim (intake's victim id). */
  ofVictim(db: EntityManager, victimId: string): Promise<IncomingReferral[]> {
    return db.getRepository(IncomingReferral).findBy({ victimId });
  }
}
