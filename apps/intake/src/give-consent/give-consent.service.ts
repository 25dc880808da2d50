import { Injectable } from '@nestjs/common';
import type { ServiceType } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ConsentChanges } from '../consent/consent-changes.js';
import type { ConsentForm, ConsentPurpose, ConsentRecord } from '../consent/consent-record.entity.js';
import { ConsentRepository } from '../consent/consent.repository.js';

/** Records a consent; a statistics consent given anew counts her again. */
@Injectable()
export class GiveConsentService {
  constructor(
    private readonly consents: ConsentRepository,
    private readonly changes: ConsentChanges,
  ) {}

  async give(
    tx: Transaction,
    victimId: string,
    purpose: ConsentPurpose,
    givenAs: ConsentForm,
    staff: Principal,
    service?: ServiceType,
  ): Promise<ConsentRecord> {
    const victim = await this.changes.lockVictim(tx, victimId);
    const hadStatistics = purpose === 'statistics' && (await this.consents.has(tx, victimId, 'statistics'));
    const record = await this.consents.insert(tx, {
      victimId,
      purpose,
      service: purpose === 'services' ? (service ?? null) : null,
      givenAs,
      recordedBy: staff.staffId,
    });
    if (purpose === 'statistics' && !hadStatistics) {
      // Counted again under the consent policy.
      await this.changes.emitStatisticsConsent(tx, victim, 'given');
    }
    await this.changes.syncFlags(tx, victimId);
    return record;
  }
}
