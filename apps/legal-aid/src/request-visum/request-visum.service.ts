import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { VisumRequested, type VisumKind } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { AgencyDirectory, fieldErrorsException } from '@rujukan/platform';
import {
  acceptedReferral,
  actorOf,
  notInFuture,
  ReferralInboxService,
  SERVICE_NODE_SETTINGS,
  type ServiceNodeSettings,
} from '@rujukan/service-node';
import { LEGAL_SERVICES } from '../legal-case/legal-services.js';
import { visumAgencyProblem } from '../visum/visum-agency-rule.js';
import type { VisumRequestOut } from '../visum/visum-request.entity.js';
import { VisumRequestRepository } from '../visum/visum-request.repository.js';

export const LEGAL_AID_DIRECTORY = Symbol('LEGAL_AID_DIRECTORY');

/**
 * Visum et repertum, the requester's side: staff choose a health agency from
 * the directory and send the investigator's letter number; the health
 * agency answers with the report's reference and date, or declines with a reason.
 */
@Injectable()
export class RequestVisumService {
  constructor(
    private readonly referrals: ReferralInboxService,
    private readonly requests: VisumRequestRepository,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
    @Inject(LEGAL_AID_DIRECTORY) private readonly directory: AgencyDirectory,
  ) {}

  async request(
    tx: Transaction,
    referralId: string,
    body: { healthAgencyId: string; kind: VisumKind; letterNumber: string; requestedOn: string },
    staff: Principal,
  ): Promise<VisumRequestOut> {
    const problem = visumAgencyProblem(this.directory, body.healthAgencyId);
    if (problem) throw fieldErrorsException({ healthAgencyId: [problem] });
    notInFuture({ requestedOn: body.requestedOn }, this.settings.timeZone);
    const referral = await acceptedReferral(tx, this.referrals, referralId, staff, LEGAL_SERVICES);
    if (await this.requests.isWaiting(tx, referralId, body.healthAgencyId)) {
      throw new ConflictException(`a visum request to ${body.healthAgencyId} is waiting for its answer already`);
    }
    const request = await this.requests.insert(tx, {
      id: randomUUID(),
      referralId,
      healthAgencyId: body.healthAgencyId,
      kind: body.kind,
      letterNumber: body.letterNumber,
      requestedOn: body.requestedOn,
      requestedBy: staff.staffId,
      state: 'requested',
    });
    await tx.emit(VisumRequested, {
      to: body.healthAgencyId,
      caseId: referral.caseId!,
      victimId: referral.victimId!,
      payload: {
        requestId: request.id,
        kind: body.kind,
        letterNumber: body.letterNumber,
        requestedOn: body.requestedOn,
        actor: actorOf(staff),
      },
    });
    return request;
  }

  /** The directory's health agencies: whom staff may ask. */
  healthAgencies(): Array<{ id: string; name: string }> {
    return this.directory
      .list()
      .filter((a) => a.node === 'health')
      .map((a) => ({ id: a.id, name: a.name }));
  }
}
