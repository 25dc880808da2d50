import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { VictimFactsRepository } from '../repositories/victim-facts.repository.js';

/**
 * Consent to statistics as it changes. Under the consent policy a victim
 * without it is left out of every table (and a case with no counted victim);
 * under the duty policy she stays, de-identified (reporting.settings.ts).
 * Applied by intake's per-victim sequence, so a withdrawal redelivered after
 * a later re-giving does not undo it (victim-facts.repository.ts).
 */
@Injectable()
export class ChangeStatisticsConsentService {
  constructor(private readonly victims: VictimFactsRepository) {}

  async changeConsent(tx: Transaction, victimId: string, consented: boolean, sequence: number | undefined): Promise<void> {
    await this.victims.changeConsent(tx, victimId, consented, sequence);
  }

  /** Many victims' changes at once (a rebuild), no victim twice: the same rows as `changeConsent` for each. */
  async changeConsents(
    tx: Transaction,
    changes: ReadonlyArray<{ victimId: string; consented: boolean; sequence: number | undefined }>,
  ): Promise<void> {
    await this.victims.changeConsents(tx, changes);
  }
}
