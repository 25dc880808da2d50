import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { CaseHandoverRequested } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import { CaseRepository } from '../cases/case.repository.js';
import { handedOverPerpetrator } from '../cases/perpetrator.js';
import { ReferralRepository } from '../cases/referral.repository.js';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { StatisticsRepository } from '../cases/statistics.repository.js';
import { ConsentRepository } from '../consent/consent.repository.js';
import { consentGate } from '../consent/consent-gate.js';
import type { OutgoingHandover } from '../hand-over/hand-over.entities.js';
import { HandOverRepository } from '../hand-over/hand-over.repository.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';

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
export class HandOverCaseService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly cases: CaseRepository,
    private readonly referrals: ReferralRepository,
    private readonly consents: ConsentRepository,
    private readonly statistics: StatisticsRepository,
    private readonly handOvers: HandOverRepository,
  ) {}

  /** Sender: asks another intake agency to take the case over. */
  async request(tx: Transaction, caseId: string, body: HandOverRequest, staff: Principal): Promise<OutgoingHandover> {
    const caseFile = await this.cases.lock(tx, caseId);
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
    if (await this.handOvers.isWaiting(tx, caseId)) {
      throw new ConflictException('a hand-over of this case is already waiting for an answer');
    }

    // A hand-over discloses the victims' identity to another organisation.
    const victims = await this.cases.victimsOf(tx, caseId);
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

    const handover = await this.handOvers.insertOutgoing(tx, {
      id: randomUUID(),
      caseId,
      toAgency: agency.id,
      reason: body.reason,
      state: 'requested',
      disclosureOverrideReason: overrideReason,
      requestedBy: staff.staffId,
    });

    const victimIndex = new Map(victims.map((v, i) => [v.id, i]));
    const consents = await this.consents.ofVictims(
      tx,
      victims.map((v) => v.id),
    );
    const perpetrators = await this.cases.perpetratorsOf(tx, caseId);
    const stages = await this.cases.stagesOf(tx, caseId);
    const referrals = await this.referrals.ofCase(tx, caseId);
    // Where her statistics sequence stands: the receiving unit numbers her later changes above it.
    const lastSequences: number[] = [];
    for (const v of victims)
      lastSequences.push(await this.statistics.lastSequence(tx, storedStatisticsId(this.settings.statisticsKey, 'victim', v)));
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
          senderVictimId: v.id,
          name: v.name,
          sex: v.sex,
          birthDate: v.birthDate ?? undefined,
          ageYears: v.ageYears,
          district: v.district,
          address: v.address ?? undefined,
          idNumber: v.idNumber ?? undefined,
          safetyNotes: v.safetyNotes ?? undefined,
          education: v.education ?? undefined,
          occupation: v.occupation ?? undefined,
          disabilities: v.disabilities ?? undefined,
          consents: consents
            .filter((c) => c.victimId === v.id && !c.withdrawnAt)
            .map((c) => ({
              purpose: c.purpose,
              service: c.service ?? undefined,
              givenAs: c.givenAs,
              recordedAt: c.recordedAt.toISOString(),
            })),
        })),
        perpetrators: perpetrators.map(handedOverPerpetrator),
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
}
