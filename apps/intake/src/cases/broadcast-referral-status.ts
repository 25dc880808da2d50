import { Inject, Injectable } from '@nestjs/common';
import { BROADCAST, declineReasonCode, ReferralStatusChanged } from '@rujukan/contracts';
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
    await tx.emit(ReferralStatusChanged, {
      to: BROADCAST,
      caseId: await this.statistics.caseStatisticsId(tx, referral.caseId),
      payload: {
        referralId: statisticsId(this.settings.statisticsKey, 'referral', referral.id),
        service: referral.service,
        status: referral.state,
        agencyId: referral.agencyId,
        declineReason: referral.state === 'declined' ? declineReasonCode(referral.outcomeNote) : undefined,
      },
    });
  }
}
