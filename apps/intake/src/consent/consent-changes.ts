import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { BROADCAST, StatisticsConsentGiven, StatisticsConsentWithdrawn } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { StatisticsRepository } from '../cases/statistics.repository.js';
import type { Victim } from '../cases/victim.entity.js';
import { HandOverRepository } from '../hand-over/hand-over.repository.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { ConsentRepository } from './consent.repository.js';

/**
 * What giving and withdrawing consent share. Consent is per purpose: to services (all, or one service), to
 * disclosure to other organisations, to statistical reporting; a change of statistics consent is told to
 * reporting in her statistics sequence, and the victim's summary flags follow the records.
 */
@Injectable()
export class ConsentChanges {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly consents: ConsentRepository,
    private readonly cases: CaseRepository,
    private readonly statistics: StatisticsRepository,
    private readonly handOvers: HandOverRepository,
  ) {}

  /**
   * A waiting hand-over has passed her statistics sequence on to the receiving unit, which numbers her next
   * changes from there: a change numbered here meanwhile would take the same number. So it waits for the answer.
   */
  private async refuseWhileHandedOver(tx: Transaction, victim: Victim): Promise<void> {
    if (await this.handOvers.isWaiting(tx, victim.caseId)) {
      throw new ConflictException(
        'a hand-over of this case waits for an answer: record the change to statistics consent once it is answered (at the receiving unit if it accepts)',
      );
    }
  }

  /** Tells reporting, in her statistics sequence, that she may (again) or may no longer be counted. */
  async emitStatisticsConsent(tx: Transaction, victim: Victim, change: 'given' | 'withdrawn'): Promise<void> {
    const statisticsVictimId = storedStatisticsId(this.settings.statisticsKey, 'victim', victim);
    const sequence = await this.statistics.nextSequence(tx, statisticsVictimId);
    // Checked under the counter's lock: a hand-over that took her number first is seen here.
    await this.refuseWhileHandedOver(tx, victim);
    await tx.emit(change === 'given' ? StatisticsConsentGiven : StatisticsConsentWithdrawn, {
      to: BROADCAST,
      caseId: await this.statistics.caseStatisticsId(tx, victim.caseId),
      payload: { victimId: statisticsVictimId, sequence },
    });
  }

  /** The victim's summary flags follow the records. */
  async syncFlags(tx: Transaction, victimId: string): Promise<void> {
    await this.cases.updateVictim(tx, victimId, {
      consentServices: await this.consents.has(tx, victimId, 'services'),
      consentStatistics: await this.consents.has(tx, victimId, 'statistics'),
    });
  }

  /** Locked: two consent changes of one victim decide and number their events one after the other. */
  async lockVictim(tx: Transaction, victimId: string): Promise<Victim> {
    const victim = await this.cases.lockVictim(tx, victimId);
    if (!victim) throw new NotFoundException(`no victim ${victimId}`);
    return victim;
  }
}
