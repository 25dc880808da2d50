import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { VisumDeclined, VisumIssued, type VisumDeclineReason } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import {
  actorOf,
  assertHolder,
  dayAsDate,
  notInFuture,
  ReferralInboxService,
  ReferralLookupQuery,
  SERVICE_NODE_SETTINGS,
  type ServiceNodeSettings,
  ServiceRecorder,
} from '@rujukan/service-node';
import { VisumRequestsQuery, type VisumRequestView } from '../queries/visum-requests.query.js';
import { matchVisumRequest } from '../visum/visum-matching.js';
import type { VisumRequest } from '../visum/visum-request.entity.js';
import { VisumRequestRepository } from '../visum/visum-request.repository.js';

/**
 * Visum et repertum at the health agency. A request from a legal-aid agency
 * matches this agency's accepted (or completed) health referral for the same
 * victim and case. Without one it waits (pending) until the referral is
 * accepted here, or staff decline it (`no-such-patient`). Issuing records
 * `visum-issued` for reporting and sends the report's reference, never the
 * report, to the requester.
 */
@Injectable()
export class AnswerVisumRequestService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly lookup: ReferralLookupQuery,
    private readonly requests: VisumRequestRepository,
    private readonly views: VisumRequestsQuery,
    private readonly recorder: ServiceRecorder,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  /** Issues the visum under the matching referral: records it, tells reporting and the requester. */
  async issue(
    tx: Transaction,
    id: string,
    body: { referenceNumber: string; issuedOn: string },
    staff: Principal,
  ): Promise<VisumRequestView> {
    notInFuture({ issuedOn: body.issuedOn }, this.settings.timeZone);
    const request = await this.openRequest(tx, id);
    const referralId = matchVisumRequest(request, await this.lookup.ofVictim(tx.manager, request.victimId));
    if (!referralId) {
      throw new ConflictException(
        'no accepted health referral here for this victim: the request waits until one is accepted, or decline it (no-such-patient)',
      );
    }
    const referral = await this.referrals.get(tx, referralId, true);
    assertHolder(referral, staff, 'her referral is assigned to someone else');
    if (request.requestedOn > body.issuedOn)
      throw fieldErrorsException({ issuedOn: [`issuedOn must not be before the request (${request.requestedOn})`] });
    if (await this.requests.isIssuedUnder(tx, body.referenceNumber))
      throw fieldErrorsException({ referenceNumber: ['a visum with this reference number was issued already'] });
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
    await this.requests.save(tx, request);
    await tx.emit(VisumIssued, {
      to: request.fromAgency,
      caseId: request.caseId,
      victimId: request.victimId,
      payload: { requestId: request.id, referenceNumber: body.referenceNumber, issuedOn: body.issuedOn, actor: actorOf(staff) },
    });
    return this.views.view(tx, request);
  }

  /** Declines a request (no such patient here, cannot examine): the requester sees why. */
  async decline(
    tx: Transaction,
    id: string,
    body: { reason: VisumDeclineReason; note?: string },
    staff: Principal,
  ): Promise<VisumRequestView> {
    const request = await this.openRequest(tx, id);
    Object.assign(request, {
      state: 'declined',
      declineReason: body.reason,
      declineNote: body.note ?? null,
      answeredBy: staff.staffId,
      answeredAt: new Date(),
    });
    await this.requests.save(tx, request);
    await tx.emit(VisumDeclined, {
      to: request.fromAgency,
      caseId: request.caseId,
      victimId: request.victimId,
      payload: { requestId: request.id, reason: body.reason, note: body.note, actor: actorOf(staff) },
    });
    return this.views.view(tx, request);
  }

  /** The request, locked; 409 once it has its answer. */
  private async openRequest(tx: Transaction, id: string): Promise<VisumRequest> {
    const request = await this.requests.findLocked(tx, id);
    if (!request) throw new NotFoundException(`no visum request ${id}`);
    if (request.state !== 'requested') throw new ConflictException(`visum request was ${request.state} already`);
    return request;
  }
}
