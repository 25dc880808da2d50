import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import {
  advanceState,
  VisumRequested,
  type EventEnvelope,
  type VisumDeclinedV1,
  type VisumIssuedV1,
  type VisumKind,
} from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { AgencyDirectory, fieldErrorsException } from '@rujukan/platform';
import { ReferralInboxService, SERVICE_NODE_SETTINGS, actorOf, type ServiceNodeSettings } from '@rujukan/service-node';
import { LEGAL_SERVICES } from '../legal-case/legal-case.service.js';
import { acceptedReferral, notInFuture } from '@rujukan/service-node';
import { VISUM_STATE_RANK, VisumRequestOut, type VisumState } from './visum-request.entity.js';

export const LEGAL_AID_DIRECTORY = Symbol('LEGAL_AID_DIRECTORY');

/** What is wrong with asking `agencyId` for a visum, or null: it must be a health agency of the network. */
export function visumAgencyProblem(directory: AgencyDirectory, agencyId: string): string | null {
  const agency = directory.find(agencyId);
  if (!agency) return `healthAgencyId ${agencyId} is not in the agency directory`;
  if (agency.node !== 'health') return `agency ${agency.id} runs a ${agency.node} node; a visum is issued by a health agency`;
  return null;
}

/**
 * Visum et repertum, the requester's side: staff choose a health agency from
 * the directory and send the investigator's letter number; the health
 * agency answers with the report's reference and date, or declines with a
 * reason. The first answer stands; a late or repeated one changes nothing.
 */
@Injectable()
export class VisumService {
  constructor(
    private readonly referrals: ReferralInboxService,
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
    const repo = tx.manager.getRepository(VisumRequestOut);
    if (await repo.existsBy({ referralId, healthAgencyId: body.healthAgencyId, state: 'requested' })) {
      throw new ConflictException(`a visum request to ${body.healthAgencyId} is waiting for its answer already`);
    }
    const request = repo.create({
      id: randomUUID(),
      referralId,
      healthAgencyId: body.healthAgencyId,
      kind: body.kind,
      letterNumber: body.letterNumber,
      requestedOn: body.requestedOn,
      requestedBy: staff.staffId,
      state: 'requested',
    });
    await repo.insert(request);
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

  async list(tx: Transaction, staff: Principal, state?: VisumState): Promise<VisumRequestOut[]> {
    const qb = tx.manager.getRepository(VisumRequestOut).createQueryBuilder('v').orderBy('v.requestedAt', 'DESC').take(500);
    if (state) qb.andWhere('v.state = :state', { state });
    if (staff.role === 'case-worker') {
      qb.innerJoin('incoming_referral', 'r', 'r.referral_id = v.referral_id').andWhere('(r.assignee_id IS NULL OR r.assignee_id = :me)', {
        me: staff.staffId,
      });
    }
    return qb.getMany();
  }

  /** The health agency's answer. */
  async answered(tx: Transaction, event: EventEnvelope<VisumIssuedV1 | VisumDeclinedV1>, state: 'issued' | 'declined'): Promise<void> {
    const repo = tx.manager.getRepository(VisumRequestOut);
    const request = await repo.findOne({ where: { id: event.payload.requestId }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw new EventRejected('unknown visum request');
    if (request.healthAgencyId !== event.source.agency) throw new EventRejected('only the health agency asked may answer a visum request');
    if (advanceState(VISUM_STATE_RANK, request.state, state) === request.state) return; // late or repeated
    const p = event.payload;
    await repo.update(
      { id: request.id },
      'referenceNumber' in p
        ? { state, referenceNumber: p.referenceNumber, issuedOn: p.issuedOn, answeredAt: new Date() }
        : { state, declineReason: p.reason, declineNote: p.note ?? null, answeredAt: new Date() },
    );
  }
}
