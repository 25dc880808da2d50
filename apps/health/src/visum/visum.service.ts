import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { VisumDeclined, VisumIssued, type EventEnvelope, type VisumDeclineReason, type VisumRequestedV1 } from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import {
  actorOf,
  assertHolder,
  dayAsDate,
  notInFuture,
  ReferralInboxService,
  SERVICE_NODE_SETTINGS,
  type ServiceNodeSettings,
  ServiceRecorder,
} from '@rujukan/service-node';
import { candidatesFor, matchVisumRequest } from './visum-matching.js';
import { VisumRequest, type VisumRequestState } from './visum-request.entity.js';

/** A request as staff see it: with the referral it matches now, or why it waits. */
export type VisumRequestView = VisumRequest & { matchedReferralId: string | null; waitingForReferral: boolean };

/**
 * Visum et repertum at the health agency. A request from a legal-aid agency
 * is kept as it comes; it matches this agency's accepted (or completed)
 * health referral for the same victim and case. Without one it waits
 * (pending) until the referral is accepted here, or staff decline it
 * (`no-such-patient`). Issuing records `visum-issued` for reporting and
 * sends the report's reference, never the report, to the requester.
 */
@Injectable()
export class VisumService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly recorder: ServiceRecorder,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  /** A request arrived. A re-sent one is dropped by the inbox; an id seen twice is kept once. */
  async receive(tx: Transaction, event: EventEnvelope<VisumRequestedV1>): Promise<void> {
    if (event.source.node !== 'legal-aid')
      throw new EventRejected('a visum is requested by a legal-aid node (police, prosecutor, legal aid)');
    if (!event.caseId || !event.victimId) throw new EventRejected('a visum request names its case and victim');
    const p = event.payload;
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(VisumRequest)
      .values({
        id: p.requestId,
        fromAgency: event.source.agency,
        caseId: event.caseId,
        victimId: event.victimId,
        kind: p.kind,
        letterNumber: p.letterNumber,
        requestedOn: p.requestedOn,
        state: 'requested',
      })
      .orIgnore()
      .execute();
  }

  async list(tx: Transaction, staff: Principal, state?: VisumRequestState): Promise<VisumRequestView[]> {
    const rows = await tx.manager
      .getRepository(VisumRequest)
      .find({ where: state ? { state } : {}, order: { receivedAt: 'DESC' }, take: 500 });
    const views = await Promise.all(rows.map((r) => this.view(tx, r)));
    if (staff.role !== 'case-worker') return views;
    // A case worker sees the requests for her patients and those no referral holds yet.
    const mine = new Set(
      (
        await tx.manager.query<Array<{ referral_id: string }>>(
          `SELECT referral_id FROM incoming_referral WHERE assignee_id IS NULL OR assignee_id = $1`,
          [staff.staffId],
        )
      ).map((r) => r.referral_id),
    );
    return views.filter((v) => !(v.referralId ?? v.matchedReferralId) || mine.has((v.referralId ?? v.matchedReferralId)!));
  }

  async get(tx: Transaction, id: string): Promise<VisumRequestView> {
    return this.view(tx, await this.find(tx, id));
  }

  /** Issues the visum under the matching referral: records it, tells reporting and the requester. */
  async issue(
    tx: Transaction,
    id: string,
    body: { referenceNumber: string; issuedOn: string },
    staff: Principal,
  ): Promise<VisumRequestView> {
    notInFuture({ issuedOn: body.issuedOn }, this.settings.timeZone);
    const request = await this.find(tx, id, true);
    if (request.state !== 'requested') throw new ConflictException(`visum request was ${request.state} already`);
    const referralId = matchVisumRequest(request, await candidatesFor(tx.manager, request.victimId));
    if (!referralId) {
      throw new ConflictException(
        'no accepted health referral here for this victim: the request waits until one is accepted, or decline it (no-such-patient)',
      );
    }
    const referral = await this.referrals.get(tx, referralId, true);
    assertHolder(referral, staff, 'her referral is assigned to someone else');
    if (request.requestedOn > body.issuedOn)
      throw fieldErrorsException({ issuedOn: [`issuedOn must not be before the request (${request.requestedOn})`] });
    const duplicate = await tx.manager.getRepository(VisumRequest).findOneBy({ referenceNumber: body.referenceNumber, state: 'issued' });
    if (duplicate) throw fieldErrorsException({ referenceNumber: ['a visum with this reference number was issued already'] });
    const serviceRecordId = await this.recorder.record(tx, referral, 'visum-issued', {
      recordId: request.id,
      at: dayAsDate(body.issuedOn),
    });
    Object.assign(request, {
      state: 'issued',
      referralId,
      referenceNumber: body.referenceNumber,
      issuedOn: body.issuedOn,
      answeredBy: staff.staffId,
      answeredAt: new Date(),
      serviceRecordId,
    });
    await tx.manager.getRepository(VisumRequest).save(request);
    await tx.emit(VisumIssued, {
      to: request.fromAgency,
      caseId: request.caseId,
      victimId: request.victimId,
      payload: { requestId: request.id, referenceNumber: body.referenceNumber, issuedOn: body.issuedOn, actor: actorOf(staff) },
    });
    return this.view(tx, request);
  }

  /** Declines a request (no such patient here, cannot examine): the requester sees why. */
  async decline(
    tx: Transaction,
    id: string,
    body: { reason: VisumDeclineReason; note?: string },
    staff: Principal,
  ): Promise<VisumRequestView> {
    const request = await this.find(tx, id, true);
    if (request.state !== 'requested') throw new ConflictException(`visum request was ${request.state} already`);
    Object.assign(request, {
      state: 'declined',
      declineReason: body.reason,
      declineNote: body.note ?? null,
      answeredBy: staff.staffId,
      answeredAt: new Date(),
    });
    await tx.manager.getRepository(VisumRequest).save(request);
    await tx.emit(VisumDeclined, {
      to: request.fromAgency,
      caseId: request.caseId,
      victimId: request.victimId,
      payload: { requestId: request.id, reason: body.reason, note: body.note, actor: actorOf(staff) },
    });
    return this.view(tx, request);
  }

  private async find(tx: Transaction, id: string, lock = false): Promise<VisumRequest> {
    const request = await tx.manager
      .getRepository(VisumRequest)
      .findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!request) throw new NotFoundException(`no visum request ${id}`);
    return request;
  }

  private async view(tx: Transaction, request: VisumRequest): Promise<VisumRequestView> {
    const matched =
      request.state === 'requested' ? matchVisumRequest(request, await candidatesFor(tx.manager, request.victimId)) : request.referralId;
    return { ...request, matchedReferralId: matched, waitingForReferral: request.state === 'requested' && !matched };
  }
}
