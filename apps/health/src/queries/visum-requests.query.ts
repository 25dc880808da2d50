import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { ReferralLookupQuery, ReferralsForStaffQuery } from '@rujukan/service-node';
import type { Transaction } from '@rujukan/messaging';
import { matchVisumRequest } from '../visum/visum-matching.js';
import type { VisumState } from '@rujukan/service-node';
import { VisumRequest } from '../visum/visum-request.entity.js';

/** A request as staff see it: with the referral it matches now, or why it waits. */
export type VisumRequestView = VisumRequest & { matchedReferralId: string | null; waitingForReferral: boolean };

@Injectable()
export class VisumRequestsQuery {
  constructor(
    private readonly referrals: ReferralLookupQuery,
    private readonly forStaff: ReferralsForStaffQuery,
  ) {}

  /** Newest first; a case worker sees the requests for her patients and those no referral holds yet. */
  async list(tx: Transaction, staff: Principal, state?: VisumState): Promise<VisumRequestView[]> {
    const rows = await tx.manager
      .getRepository(VisumRequest)
      .find({ where: state ? { state } : {}, order: { receivedAt: 'DESC' }, take: 500 });
    const views: VisumRequestView[] = [];
    for (const r of rows) views.push(await this.view(tx, r));
    const workable = await this.forStaff.ids(tx, staff);
    if (!workable) return views;
    const mine = new Set(workable);
    return views.filter((v) => !(v.referralId ?? v.matchedReferralId) || mine.has((v.referralId ?? v.matchedReferralId)!));
  }

  async get(tx: Transaction, id: string): Promise<VisumRequestView> {
    const request = await tx.manager.getRepository(VisumRequest).findOneBy({ id });
    if (!request) throw new NotFoundException(`no visum request ${id}`);
    return this.view(tx, request);
  }

  /** The health referral a request belongs to: the one it was issued under, or while it waits the one it matches now. */
  async referralOf(tx: Transaction, request: VisumRequest): Promise<string | null> {
    if (request.state !== 'requested') return request.referralId;
    return matchVisumRequest(request, await this.referrals.ofVictim(tx.manager, request.victimId));
  }

  async view(tx: Transaction, request: VisumRequest): Promise<VisumRequestView> {
    const matched = await this.referralOf(tx, request);
    return { ...request, matchedReferralId: matched, waitingForReferral: request.state === 'requested' && !matched };
  }
}
