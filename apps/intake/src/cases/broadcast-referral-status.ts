import { Inject, Injectable } from '@nestjs/common';
import { BROADCAST, declineReasonCode, legacyDeclineReason, ReferralStatusChanged } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import type { Referral } from './referral.entity.js';
import { statisticsId } from './statistics-pseudonym.js';
import { StatisticsRepository } from './statistics.repository.js';

/** Tells reporting (de-identified, pseudonymous ids) that a referral changed state. */
@Injectable()
export class ReferralStatusBroadcast {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly statistics: StatisticsRepository,
  ) {}

  async broadcast(tx: Transaction, referral: Referral): Promise<void> {
    // A referral declined before the codes has none: its note is read as it was then.
    const code = referral.state === 'declined' ? (referral.declineCode ?? declineReasonCode(referral.outcomeNote)) : undefined;
    await tx.emit(ReferralStatusChanged, {
      to: BROADCAST,
      caseId: await this.statistics.caseStatisticsId(tx, referral.caseId),
      payload: {
        referralId: statisticsId(this.settings.statisticsKey, 'referral', referral.id),
        service: referral.service,
        status: referral.state,
        agencyId: referral.agencyId,
        // The legacy category for reporting nodes older than the codes, and the code.
        declineReason: code && legacyDeclineReason(code),
        declineCode: code,
      },
    });
  }
}
