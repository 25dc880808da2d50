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

  /** Every referral this agency holds for the victim (intake's victim id). */
  ofVictim(db: EntityManager, victimId: string): Promise<IncomingReferral[]> {
    return db.getRepository(IncomingReferral).findBy({ victimId });
  }
}
