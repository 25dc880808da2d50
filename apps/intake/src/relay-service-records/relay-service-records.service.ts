import { Inject, Injectable } from '@nestjs/common';
import { BROADCAST, ServiceRecordedByIntake, type EventEnvelope, type ServiceProvidedV1 } from '@rujukan/contracts';
import { EventRejected, type Transaction } from '@rujukan/messaging';
import { ReferralRepository } from '../cases/referral.repository.js';
import { statisticsId } from '../cases/statistics-pseudonym.js';
import { StatisticsRepository } from '../cases/statistics.repository.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';

/**
 * A service agency tells intake, addressed, what it gave under a referral;
 * intake broadcasts it to reporting under her pseudonyms, which only intake
 * holds (STATISTICS_ID_KEY), in its shuffled, sealed batches. So no service
 * agency, and not the bus, can join reporting's service rows to the named
 * referral (docs/reporting.md, "What links nothing to whom").
 */
@Injectable()
export class RelayServiceRecordsService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly referrals: ReferralRepository,
    private readonly statistics: StatisticsRepository,
  ) {}

  async broadcast(tx: Transaction, event: EventEnvelope<ServiceProvidedV1>): Promise<void> {
    const p = event.payload;
    const referral = await this.referrals.lock(tx, p.referralId);
    if (!referral) throw new EventRejected('unknown referral');
    if (referral.agencyId !== event.source.agency)
      throw new EventRejected('only the addressed agency may record services under a referral');
    if (referral.service !== p.service) throw new EventRejected(`the referral asked for ${referral.service}, not ${p.service}`);
    await tx.emit(ServiceRecordedByIntake, {
      to: BROADCAST,
      caseId: await this.statistics.caseStatisticsId(tx, referral.caseId),
      payload: {
        // The agency's record id, pseudonymised: counted once, and the agency cannot look for it.
        recordId: statisticsId(this.settings.statisticsKey, 'record', p.recordId),
        referralId: statisticsId(this.settings.statisticsKey, 'referral', referral.id),
        victimId: await this.statistics.victimStatisticsId(tx, referral.victimId),
        service: p.service,
        activity: p.activity,
        indicator: p.indicator,
        outcome: p.outcome,
        month: p.month,
        agencyId: p.agencyId,
      },
    });
  }
}
