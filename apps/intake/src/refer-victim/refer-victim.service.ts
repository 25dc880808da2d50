import { randomUUID } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { fieldErrorsException } from '@rujukan/platform';
import { ReferralRequested, referredPersonFor, SERVICE_PROVIDERS } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { broadcastReferralStatus } from '../cases/broadcast-referral-status.js';
import { caseStatisticsId, statisticsId, storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { CaseFile } from '../cases/case.entity.js';
import { Referral } from '../cases/referral.entity.js';
import { Victim } from '../cases/victim.entity.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { ConsentService } from '../consent/consent.service.js';
import { consentGate } from '../consent/consent-gate.js';
import type { ReferVictimBody } from './refer-victim.dto.js';

@Injectable()
export class ReferVictimService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly consents: ConsentService,
  ) {}

  /** Refers one victim to one agency for one service; the agency gets only that service's fields. */
  async refer(tx: Transaction, caseId: string, body: ReferVictimBody, staff: Principal): Promise<Referral> {
    const caseFile = await tx.manager.getRepository(CaseFile).findOneBy({ id: caseId });
    if (!caseFile) throw new NotFoundException(`no case ${caseId}`);
    const victim = await tx.manager.getRepository(Victim).findOneBy({ id: body.victimId, caseId });
    if (!victim) throw fieldError('victimId', 'victimId is not a victim of this case');
    const agency = this.settings.directory.find(body.agencyId);
    if (!agency) throw fieldError('agencyId', `agencyId ${body.agencyId} is not in the agency directory`);
    if (agency.node !== SERVICE_PROVIDERS[body.service]) {
      throw fieldError('agencyId', `agency ${agency.id} runs a ${agency.node} node and does not provide ${body.service}`);
    }
    const consented = await this.consents.has(tx, victim.id, 'services', body.service);
    const overrideReason = consentGate({
      consentTo: `services (${body.service})`,
      missing: consented ? 0 : 1,
      of: 1,
      overrideReason: body.consentOverrideReason,
      role: staff.role,
      field: 'consentOverrideReason',
    });

    const referral = tx.manager.getRepository(Referral).create({
      id: randomUUID(),
      caseId,
      victimId: victim.id,
      service: body.service,
      agencyId: agency.id,
      state: 'requested',
      requestNotes: body.requestNotes ?? null,
      consentOverrideReason: overrideReason,
    });
    await tx.manager.getRepository(Referral).insert(referral);
    if (caseFile.status === 'open') await tx.manager.getRepository(CaseFile).update({ id: caseId }, { status: 'in-service' });

    await tx.emit(ReferralRequested, {
      to: agency.id,
      caseId,
      victimId: victim.id,
      payload: {
        referralId: referral.id,
        service: body.service,
        actor: { staffId: staff.staffId, role: staff.role },
        consentOverrideReason: referral.consentOverrideReason ?? undefined,
        // Pseudonyms only: the agency's de-identified service records name her by these; reporting's counting policy decides.
        statistics: {
          caseId: await caseStatisticsId(tx.manager, this.settings.statisticsKey, caseId),
          victimId: storedStatisticsId(this.settings.statisticsKey, 'victim', victim),
          referralId: statisticsId(this.settings.statisticsKey, 'referral', referral.id),
        },
        person: referredPersonFor(body.service, {
          name: victim.name,
          sex: victim.sex,
          ageYears: victim.ageYears,
          idNumber: victim.idNumber ?? undefined,
          district: victim.district,
          safetyNotes: victim.safetyNotes ?? undefined,
          violenceTypes: caseFile.violenceTypes,
          incidentDate: caseFile.incidentDate ?? undefined,
          incidentPlace: caseFile.incidentPlace,
          perpetratorRelation: caseFile.perpetratorRelation ?? undefined,
          incidentNarrative: caseFile.incidentNarrative ?? undefined,
          requestNotes: body.requestNotes,
        }),
      },
    });
    await broadcastReferralStatus(tx, referral, this.settings.statisticsKey);
    return referral;
  }
}

function fieldError(field: string, message: string) {
  return fieldErrorsException({ [field]: [message] });
}
