import { Injectable } from '@nestjs/common';
import type { RetentionSettings } from '@rujukan/platform';
import { DataKeys, type Transaction } from '@rujukan/messaging';
import { ErasureRepository } from '../erasure/erasure.repository.js';
import { RetentionRepository } from '../erasure/retention.repository.js';

const DAY_MS = 86_400_000;

/**
 * Intake's retention after closure (design.md section 9): a case closed
 * longer ago than CASE_RETENTION_YEARS, with no legal hold, keeps what
 * reporting counts and loses whom it was about. Each victim is erased as on
 * request, but only here (each agency applies its own retention to what it
 * holds): her data key destroyed, her columns blanked, her blind indexes and
 * outbox bodies gone; the case's own words about people blanked. A hand-over
 * this unit declined loses the case it carried after the short grace.
 */
@Injectable()
export class EraseAfterRetentionService {
  constructor(
    private readonly retention: RetentionRepository,
    private readonly erasures: ErasureRepository,
    private readonly keys: DataKeys,
  ) {}

  /** Erases the cases past the retention; returns how many cases. */
  async eraseClosed(tx: Transaction, settings: RetentionSettings, now: Date): Promise<number> {
    const before = new Date(now.getTime() - settings.caseRetentionYears * 365.25 * DAY_MS);
    const cases = await this.retention.closedPastRetention(tx, before);
    for (const caseId of cases) {
      for (const victimId of await this.retention.victimsOf(tx, caseId)) {
        await this.erasures.eraseHere(tx, victimId);
      }
      await this.retention.eraseCaseText(tx, caseId);
      for (const handoverId of await this.retention.forgetHandOversOf(tx, caseId)) await this.keys.destroy(tx.manager, handoverId);
      // The case's own key (its narrative, reporters, perpetrators, notes): old backups cannot open them either.
      await this.keys.destroy(tx.manager, caseId);
    }
    return cases.length;
  }

  /** Forgets declined hand-overs' requests past the grace; returns how many. */
  async forgetDeclinedHandOvers(tx: Transaction, settings: RetentionSettings, now: Date): Promise<number> {
    const forgotten = await this.retention.declinedHandOversPastGrace(tx, new Date(now.getTime() - settings.declinedGraceDays * DAY_MS));
    for (const handoverId of forgotten) await this.keys.destroy(tx.manager, handoverId);
    return forgotten.length;
  }
}
