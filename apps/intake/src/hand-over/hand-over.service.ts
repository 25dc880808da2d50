import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import {
  CaseHandoverAccepted,
  CaseHandoverDeclined,
  CaseHandoverRequested,
  type CaseHandoverDeclinedV1,
  type CaseHandoverAnsweredV1,
  type CaseHandoverRequestedV1,
  type EventEnvelope,
} from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import { CaseFile } from '../cases/case.entity.js';
import { nextCaseNumber } from '../cases/case-number.js';
import { earlierReportsOf, recordDuplicates } from '../duplicates/flag-duplicates.js';
import { Perpetrator } from '../cases/perpetrator.entity.js';
import { Referral } from '../cases/referral.entity.js';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { TraffickingStage } from '../cases/trafficking-stage.entity.js';
import { Victim } from '../cases/victim.entity.js';
import { ConsentRecord } from '../consent/consent-record.entity.js';
import { ConsentService } from '../consent/consent.service.js';
import { consentGate } from '../consent/consent-gate.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { firstResponseDue } from '../triage/triage-deadlines.js';
import { continueStatisticsSequence, lastStatisticsSequence } from '../cases/statistics-sequence.js';
import { IncomingHandover, OutgoingHandover } from './hand-over.entities.js';

export interface HandOverRequest {
  toAgencyId: string;
  reason: string;
  disclosureOverrideReason?: string;
}

/**
 * Hand-over of a whole case to another region's UPTD PPA (dilimpahkan).
 * The sender keeps the case, and owns it, until the receiver accepts; then
 * the sender's case is closed-referred and the receiver's case lives on under
 * the same pseudonymous statistics ids, so reporting counts it once.
 */
@Injectable()
export class HandOverService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly consents: ConsentService,
  ) {}

  /** Sender: asks another intake agency to take the case over. */
  async request(tx: Transaction, caseId: string, body: HandOverRequest, staff: Principal): Promise<OutgoingHandover> {
    const caseFile = await tx.manager.getRepository(CaseFile).findOne({ where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    if (!caseFile) throw new NotFoundException(`no case ${caseId}`);
    if (caseFile.status === 'closed' || caseFile.status === 'closed-referred') throw new ConflictException(`case is ${caseFile.status}`);
    const agency = this.settings.directory.find(body.toAgencyId);
    if (!agency) throw fieldErrorsException({ toAgencyId: [`toAgencyId ${body.toAgencyId} is not in the agency directory`] });
    if (agency.node !== 'intake')
      throw fieldErrorsException({
        toAgencyId: [`agency ${agency.id} runs a ${agency.node} node; a case is handed over to a UPTD PPA (intake node)`],
      });
    if (agency.id === this.settings.agencyId)
      throw fieldErrorsException({ toAgencyId: ['a case cannot be handed over to this unit itself'] });
    if (await tx.manager.getRepository(OutgoingHandover).existsBy({ caseId, state: 'requested' })) {
      throw new ConflictException('a hand-over of this case is already waiting for an answer');
    }

    // A hand-over discloses the victims' identity to another organisation.
    const victims = await tx.manager.getRepository(Victim).find({ where: { caseId }, order: { id: 'ASC' } });
    let missing = 0;
    for (const v of victims) if (!(await this.consents.has(tx, v.id, 'disclosure'))) missing++;
    const overrideReason = consentGate({
      consentTo: 'disclosure',
      missing,
      of: victims.length,
      overrideReason: body.disclosureOverrideReason,
      role: staff.role,
      field: 'disclosureOverrideReason',
    });

    const handover = tx.manager.getRepository(OutgoingHandover).create({
      id: randomUUID(),
      caseId,
      toAgency: agency.id,
      reason: body.reason,
      state: 'requested',
      disclosureOverrideReason: overrideReason,
      requestedBy: staff.staffId,
    });
    await tx.manager.getRepository(OutgoingHandover).insert(handover);

    const victimIndex = new Map(victims.map((v, i) => [v.id, i]));
    const consents = await tx.manager
      .getRepository(ConsentRecord)
      .find({ where: victims.map((v) => ({ victimId: v.id })), order: { recordedAt: 'ASC' } });
    const perpetrators = await tx.manager.getRepository(Perpetrator).find({ where: { caseId } });
    const stages = await tx.manager.getRepository(TraffickingStage).find({ where: { caseId }, order: { occurredOn: 'ASC' } });
    const referrals = await tx.manager.getRepository(Referral).find({ where: { caseId }, order: { createdAt: 'ASC' } });
    // Where her statistics sequence stands: the receiving unit numbers her later changes above it.
    const lastSequences: number[] = [];
    for (const v of victims)
      lastSequences.push(await lastStatisticsSequence(tx.manager, storedStatisticsId(this.settings.statisticsKey, 'victim', v)));
    await tx.emit(CaseHandoverRequested, {
      to: agency.id,
      caseId,
      payload: {
        handoverId: handover.id,
        reason: body.reason,
        disclosureOverrideReason: handover.disclosureOverrideReason ?? undefined,
        kind: caseFile.kind,
        channel: caseFile.channel,
        riskLevel: caseFile.riskLevel,
        district: caseFile.district,
        registeredAt: caseFile.registeredAt.toISOString(),
        statisticsCaseId: storedStatisticsId(this.settings.statisticsKey, 'case', caseFile),
        incident: {
          violenceTypes: caseFile.violenceTypes,
          place: caseFile.incidentPlace,
          date: caseFile.incidentDate ?? undefined,
          perpetratorRelation: caseFile.perpetratorRelation ?? undefined,
          narrative: caseFile.incidentNarrative ?? undefined,
        },
        reporter: caseFile.reporterRelation
          ? { relation: caseFile.reporterRelation as never, anonymous: caseFile.reporterAnonymous }
          : undefined,
        victims: victims.map((v, i) => ({
          statisticsId: storedStatisticsId(this.settings.statisticsKey, 'victim', v),
          statisticsSequence: lastSequences[i],
          name: v.name,
          sex: v.sex,
          birthDate: v.birthDate ?? undefined,
          ageYears: v.ageYears,
          district: v.district,
          address: v.address ?? undefined,
          idNumber: v.idNumber ?? undefined,
          safetyNotes: v.safetyNotes ?? undefined,
          education: v.education ?? undefined,
          consents: consents
            .filter((c) => c.victimId === v.id && !c.withdrawnAt)
            .map((c) => ({
              purpose: c.purpose,
              service: c.service ?? undefined,
              givenAs: c.givenAs,
              recordedAt: c.recordedAt.toISOString(),
            })),
        })),
        perpetrators: perpetrators.map((p) => ({
          name: p.name ?? undefined,
          sex: p.sex ?? undefined,
          ageYears: p.ageYears ?? undefined,
          relation: p.relation,
        })),
        traffickingStages: stages.map((s) => ({
          stage: s.stage,
          place: s.place,
          country: s.country ?? undefined,
          date: s.occurredOn ?? undefined,
          exploitationType: s.exploitationType ?? undefined,
          notes: s.notes ?? undefined,
        })),
        referrals: referrals.map((r) => ({
          service: r.service,
          agencyId: r.agencyId,
          state: r.state,
          victim: victimIndex.get(r.victimId)!,
        })),
        actor: { staffId: staff.staffId, role: staff.role },
      },
    });
    return handover;
  }

  /** Receiver: keeps the request until a supervisor answers it. */
  async receive(tx: Transaction, event: EventEnvelope<CaseHandoverRequestedV1>): Promise<void> {
    if (event.source.node !== 'intake') throw new EventRejected('a case is handed over by a UPTD PPA (intake node) only');
    if (!event.caseId) throw new EventRejected('a hand-over names the sender’s case');
    const badIndex = event.payload.referrals.find((r) => r.victim >= event.payload.victims.length);
    if (badIndex) throw new EventRejected('a referral names a victim the hand-over does not carry');
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(IncomingHandover)
      .values({
        id: event.payload.handoverId,
        fromAgency: event.source.agency,
        senderCaseId: event.caseId,
        state: 'requested',
        request: event.payload,
      })
      .orIgnore()
      .execute();
  }

  /** Receiver: takes the case over; it opens here, owned by `ownerId` (or the supervisor). */
  async accept(tx: Transaction, handoverId: string, staff: Principal, ownerId?: string): Promise<{ handoverId: string; caseId: string }> {
    const incoming = await this.pending(tx, handoverId);
    const r = incoming.request;
    const now = new Date();
    const caseFile = tx.manager.getRepository(CaseFile).create({
      id: randomUUID(),
      caseNumber: await nextCaseNumber(tx.manager, now, this.settings.timeZone),
      kind: r.kind,
      channel: r.channel,
      riskLevel: r.riskLevel,
      district: r.district,
      violenceTypes: r.incident.violenceTypes,
      incidentPlace: r.incident.place,
      incidentDate: r.incident.date ?? null,
      perpetratorRelation: r.incident.perpetratorRelation ?? null,
      incidentNarrative: r.incident.narrative ?? null,
      ownerId: ownerId ?? staff.staffId,
      reporterRelation: r.reporter?.relation ?? null,
      reporterAnonymous: r.reporter?.anonymous ?? false,
      reporterName: null,
      reporterPhone: null,
      // The unit taking over runs its own first-response clock from acceptance.
      registeredAt: now,
      firstResponseDueAt: firstResponseDue(now, r.riskLevel, this.settings.triageDeadlines),
      status: 'open',
      statisticsId: r.statisticsCaseId,
      handedOverFrom: incoming.fromAgency,
    });
    await tx.manager.getRepository(CaseFile).insert(caseFile);
    const victims = r.victims.map((v) =>
      tx.manager.getRepository(Victim).create({
        id: randomUUID(),
        caseId: caseFile.id,
        statisticsId: v.statisticsId,
        name: v.name,
        sex: v.sex,
        birthDate: v.birthDate ?? null,
        ageYears: v.ageYears,
        district: v.district,
        address: v.address ?? null,
        idNumber: v.idNumber ?? null,
        safetyNotes: v.safetyNotes ?? null,
        education: v.education ?? null,
        consentServices: v.consents.some((c) => c.purpose === 'services'),
        consentStatistics: v.consents.some((c) => c.purpose === 'statistics'),
      }),
    );
    await tx.manager.getRepository(Victim).insert(victims);
    for (const v of r.victims) if (v.statisticsSequence) await continueStatisticsSequence(tx.manager, v.statisticsId, v.statisticsSequence);
    // Someone this unit already knows: flagged and linked; she stays counted under the sender's pseudonym.
    for (const v of victims) await recordDuplicates(tx.manager, v.id, await earlierReportsOf(tx.manager, this.settings.statisticsKey, v));
    const consents = r.victims.flatMap((v, i) =>
      v.consents.map((c) => ({
        victimId: victims[i].id,
        purpose: c.purpose,
        service: c.service ?? null,
        givenAs: c.givenAs,
        // Recorded by the sending unit; its staff ids mean nothing here.
        recordedBy: `handed-over:${incoming.fromAgency}`,
        recordedAt: new Date(c.recordedAt),
      })),
    );
    if (consents.length) await tx.manager.getRepository(ConsentRecord).insert(consents);
    if (r.perpetrators.length) {
      await tx.manager.getRepository(Perpetrator).insert(
        r.perpetrators.map((p) => ({
          caseId: caseFile.id,
          name: p.name ?? null,
          sex: p.sex ?? null,
          ageYears: p.ageYears ?? null,
          relation: p.relation,
        })),
      );
    }
    if (r.traffickingStages.length) {
      await tx.manager.getRepository(TraffickingStage).insert(
        r.traffickingStages.map((s) => ({
          caseId: caseFile.id,
          stage: s.stage,
          place: s.place,
          country: s.country ?? null,
          occurredOn: s.date ?? null,
          exploitationType: s.exploitationType ?? null,
          notes: s.notes ?? null,
        })),
      );
    }
    await tx.manager
      .getRepository(IncomingHandover)
      .update({ id: handoverId }, { state: 'accepted', answeredAt: now, answeredBy: staff.staffId, caseId: caseFile.id });
    // No CaseRegistered broadcast: reporting counts the case from the sender's registration.
    await tx.emit(CaseHandoverAccepted, {
      to: incoming.fromAgency,
      caseId: incoming.senderCaseId,
      payload: { handoverId, actor: { staffId: staff.staffId, role: staff.role } },
    });
    return { handoverId, caseId: caseFile.id };
  }

  /** Receiver: refuses the case, with a reason; the sender keeps it. */
  async decline(tx: Transaction, handoverId: string, reason: string, staff: Principal): Promise<{ handoverId: string; state: 'declined' }> {
    const incoming = await this.pending(tx, handoverId);
    await tx.manager
      .getRepository(IncomingHandover)
      .update({ id: handoverId }, { state: 'declined', answeredAt: new Date(), answeredBy: staff.staffId, declineReason: reason });
    await tx.emit(CaseHandoverDeclined, {
      to: incoming.fromAgency,
      caseId: incoming.senderCaseId,
      payload: { handoverId, reason, actor: { staffId: staff.staffId, role: staff.role } },
    });
    return { handoverId, state: 'declined' };
  }

  /** Sender: the receiver's answer. Accepted moves ownership away: the case here is closed-referred. */
  async answered(
    tx: Transaction,
    event: EventEnvelope<CaseHandoverAnsweredV1 | CaseHandoverDeclinedV1>,
    state: 'accepted' | 'declined',
  ): Promise<void> {
    const repo = tx.manager.getRepository(OutgoingHandover);
    const handover = await repo.findOne({ where: { id: event.payload.handoverId }, lock: { mode: 'pessimistic_write' } });
    if (!handover) throw new EventRejected('unknown hand-over');
    if (handover.toAgency !== event.source.agency) throw new EventRejected('only the addressed unit may answer a hand-over');
    if (handover.state !== 'requested') {
      if (handover.state === state) return; // repeated
      throw new EventRejected(`hand-over was ${handover.state} already`);
    }
    const now = new Date();
    await repo.update(
      { id: handover.id },
      {
        state,
        answeredAt: now,
        answeredBy: event.payload.actor.staffId,
        declineReason: 'reason' in event.payload ? event.payload.reason : null,
      },
    );
    if (state === 'accepted') {
      await tx.manager.getRepository(CaseFile).update(
        { id: handover.caseId },
        {
          status: 'closed-referred',
          closedAt: now,
          closedBy: `handed-over:${handover.toAgency}`,
          closureNote: `handed over to ${handover.toAgency}: ${handover.reason}`,
        },
      );
    }
  }

  private async pending(tx: Transaction, handoverId: string): Promise<IncomingHandover> {
    const incoming = await tx.manager
      .getRepository(IncomingHandover)
      .findOne({ where: { id: handoverId }, lock: { mode: 'pessimistic_write' } });
    if (!incoming) throw new NotFoundException(`no incoming hand-over ${handoverId}`);
    if (incoming.state !== 'requested') throw new ConflictException(`hand-over was ${incoming.state} already`);
    return incoming;
  }
}
