import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { fieldErrorsException } from '@rujukan/platform';
import { EXTERNAL_AGENCY } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { ReferralStatusBroadcast } from '../cases/broadcast-referral-status.js';
import { assertOpenForWork } from '../cases/open-for-work.js';
import { CaseRepository } from '../cases/case.repository.js';
import type { Referral } from '../cases/referral.entity.js';
import { ReferralRepository } from '../cases/referral.repository.js';
import { ConsentRepository } from '../consent/consent.repository.js';
import { referralConsent } from '../consent/referral-consent.js';
import type { ReferExternallyBody } from './refer-externally.dto.js';

/**
 * A referral to an agency that runs no node: the same row, consent gate and
 * broadcast as a node's (so the work lists, the closure rule and reporting
 * count it), addressed to EXTERNAL_AGENCY; nothing goes on the bus to it. It
 * reaches the agency as a letter carrying only the service's fields.
 */
@Injectable()
export class ReferExternallyService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly referrals: ReferralRepository,
    private readonly consents: ConsentRepository,
    private readonly status: ReferralStatusBroadcast,
  ) {}

  async refer(tx: Transaction, caseId: string, body: ReferExternallyBody, staff: Principal): Promise<Referral> {
    const caseFile = await this.cases.find(tx, caseId);
    if (!caseFile) throw new NotFoundException(`no case ${caseId}`);
    assertOpenForWork(caseFile, 'referrals');
    const victim = await this.cases.findVictim(tx, body.victimId, caseId);
    if (!victim) throw fieldErrorsException({ victimId: ['victimId is not a victim of this case'] });
    const agencyName = body.agencyName.trim();
    if (agencyName.length < 2) throw fieldErrorsException({ agencyName: ['agencyName must name the agency'] });
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
      agencyId: EXTERNAL_AGENCY,
      externalAgencyName: agencyName,
      externalAgencyAddress: body.agencyAddress?.trim() || null,
      state: 'requested',
      requestNotes: body.requestNotes ?? null,
      consentOverrideReason: overrideReason,
    });
    if (caseFile.status === 'open') await this.cases.update(tx, caseId, { status: 'in-service' });
    await this.status.broadcast(tx, referral);
    return referral;
  }
}
