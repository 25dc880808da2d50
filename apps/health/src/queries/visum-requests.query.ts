import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@rujukan/auth';
import { ReferralLookupQuery, ReferralsForStaffQuery } from '@rujukan/service-node';
import { matchVisumRequest } from '../visum/visum-matching.js';
import { VisumRequest, type VisumRequestState } from '../visum/visum-request.entity.js';

/** A request as staff see it: with the referral it matches now, or why it waits. */
export type VisumRequestView = VisumRequest & { matchedReferralId: string | null; waitingForReferral: boolean };

@Injectable()
export class VisumRequestsQuery {
  constructor(
    private readonly referrals: ReferralLookupQuery,
    private readonly forStaff: ReferralsForStaffQuery,
  ) {}

  /** Newest first; a case worker sees the requests for her patients and those no referral holds yet. */
  async list(db: EntityManager, staff: Principal, state?: VisumRequestState): Promise<VisumRequestView[]> {
    const rows = await db.getRepository(VisumRequest).find({ where: state ? { state } : {}, order: { receivedAt: 'DESC' }, take: 500 });
    const views: VisumRequestView[] = [];
    for (const r of rows) views.push(await this.view(db, r));
    const workable = await this.forStaff.ids(db, staff);
    if (!workable) return views;
    const mine = new Set(workable);
    return views.filter((v) => !(v.referralId ?? v.matchedReferralId) || mine.has((v.referralId ?? v.matchedReferralId)!));
  }

  async get(db: EntityManager, id: string): Promise<VisumRequestView> {
    const request = await db.getRepository(VisumRequest).findOneBy({ id });
    if (!request) throw new NotFoundException(`no visum request ${id}`);
    return this.view(db, request);
  }

  /** The health referral a request belongs to: the one it was issued under, or while it waits the one it matches now. */
  async referralOf(db: EntityManager, request: VisumRequest): Promise<string | null> {
    if (request.state !== 'requested') return request.referralId;
    return matchVisumRequest(request, await this.referrals.ofVictim(db, request.victimId));
  }

  async view(db: EntityManager, request: VisumRequest): Promise<VisumRequestView> {
    const matched = await this.referralOf(db, request);
    return { ...request, matchedReferralId: matched, waitingForReferral: request.state === 'requested' && !matched };
  }
}
