import { randomUUID } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { fieldErrorsException } from '@rujukan/platform';
import { ReferralRequested, SERVICE_PROVIDERS } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { ReferralStatusBroadcast } from '../cases/broadcast-referral-status.js';
import { assertOpenForWork } from '../cases/open-for-work.js';
import { personReferredFor } from '../cases/referred-person.js';
import { CaseRepository } from '../cases/case.repository.js';
import type { Referral } from '../cases/referral.entity.js';
import { ReferralRepository } from '../cases/referral.repository.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { ConsentRepository } from '../consent/consent.repository.js';
import { referralConsent } from '../consent/referral-consent.js';
import type { ReferVictimBody } from './refer-victim.dto.js';

@Injectable()
export class ReferVictimService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly cases: CaseRepository,
    private readonly referrals: ReferralRepository,
    private readonly consents: ConsentRepository,
    private readonly status: ReferralStatusBroadcast,
  ) {}

  /** Refers one victim to one agency for one service; the agency gets only that service's fields. */
  async refer(tx: Transaction, caseId: string, body: ReferVictimBody, staff: Principal): Promise<Referral> {
    const caseFile = await this.cases.find(tx, caseId);
    if (!caseFile) throw new NotFoundException(`no case ${caseId}`);
    assertOpenForWork(caseFile, 'referrals');
    const victim = await this.cases.findVictim(tx, body.victimId, caseId);
    if (!victim) throw fieldError('victimId', 'victimId is not a victim of this case');
    const agency = this.settings.directory.find(body.agencyId);
    if (!agency) throw fieldError('agencyId', `agencyId ${body.agencyId} is not in the agency directory`);
    if (agency.node !== SERVICE_PROVIDERS[body.service]) {
      throw fieldError('agencyId', `agency ${agency.id} runs a ${agency.node} node and does not provide ${body.service}`);
    }
    const overrideReason = await referralConsent(tx, this.consents, {
      victimId: victim.id,
      service: body.service,
      overrideReason: body.consentOverrideReason,
      staff,
    });

    const referral = await this.referrals.insert(tx, {
      id: randomUUID(),
      caseId,
      victimId: victim.id,
      service: body.service,
      agencyId: agency.id,
      state: 'requested',
      requestNotes: body.requestNotes ?? null,
      consentOverrideReason: overrideReason,
    });
    if (caseFile.status === 'open') await this.cases.update(tx, caseId, { status: 'in-service' });

    await tx.emit(ReferralRequested, {
      to: agency.id,
      caseId,
      victimId: victim.id,
      payload: {
        referralId: referral.id,
        service: body.service,
        actor: { staffId: staff.staffId, role: staff.role },
        consentOverrideReason: referral.consentOverrideReason ?? undefined,
        // No reporting pseudonym: the agency tells intake its services (service.provided), and intake alone
        // broadcasts them under her pseudonyms (docs/reporting.md), so the agency cannot find her in reporting's rows.
        person: personReferredFor(body.service, victim, caseFile, body.requestNotes),
      },
    });
    await this.status.broadcast(tx, referral);
    return referral;
  }
}

function fieldError(field: string, message: string) {
  return fieldErrorsException({ [field]: [message] });
}
