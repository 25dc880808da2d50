import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { BROADCAST, StatisticsConsentGiven, StatisticsConsentWithdrawn, type ServiceType } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { CaseRepository } from '../cases/case.repository.js';
import { ReferralRepository } from '../cases/referral.repository.js';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { StatisticsRepository } from '../cases/statistics.repository.js';
import type { Victim } from '../cases/victim.entity.js';
import { HandOverRepository } from '../hand-over/hand-over.repository.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { RevokeReferralService } from '../revoke-referral/revoke-referral.service.js';
import type { ConsentForm, ConsentPurpose, ConsentRecord } from './consent-record.entity.js';
import { ConsentRepository } from './consent.repository.js';

/**
 * Consent per purpose: to services (all, or one service), to disclosure to
 * other organisations, to statistical reporting. Withdrawing one acts on the
 * network: open referrals for the services concerned are revoked, and a
 * withdrawn statistics consent takes the victim out of reporting's counts.
 */
@Injectable()
export class ConsentService {
  constructor(
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly consents: ConsentRepository,
    private readonly cases: CaseRepository,
    private readonly referrals: ReferralRepository,
    private readonly statistics: StatisticsRepository,
    private readonly revocation: RevokeReferralService,
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

  async give(
    tx: Transaction,
    victimId: string,
    purpose: ConsentPurpose,
    givenAs: ConsentForm,
    staff: Principal,
    service?: ServiceType,
  ): Promise<ConsentRecord> {
    const victim = await this.victim(tx, victimId);
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
      await this.emitStatisticsConsent(tx, victim, 'given');
    }
    await this.syncFlags(tx, victimId);
    return record;
  }

  async withdraw(
    tx: Transaction,
    victimId: string,
    purpose: ConsentPurpose,
    staff: Principal,
    service?: ServiceType,
  ): Promise<{ withdrawn: number; referralsRevoked: number }> {
    const victim = await this.victim(tx, victimId);
    const withdrawn = await this.consents.withdraw(tx, victimId, purpose, staff.staffId, service);
    let referralsRevoked = 0;
    if (purpose === 'services') {
      const open = await this.referrals.lockOfVictim(tx, victimId);
      for (const referral of open) {
        if (!['requested', 'accepted'].includes(referral.state)) continue;
        if (service && referral.service !== service) continue;
        if (await this.consents.has(tx, victimId, 'services', referral.service)) continue; // another consent still covers it
        await this.revocation.revokeOpen(tx, referral, staff, 'consent withdrawn', 'consent to this service withdrawn');
        referralsRevoked++;
      }
    }
    if (purpose === 'statistics' && !(await this.consents.has(tx, victimId, 'statistics'))) {
      await this.emitStatisticsConsent(tx, victim, 'withdrawn');
    }
    await this.syncFlags(tx, victimId);
    return { withdrawn, referralsRevoked };
  }

  list(tx: Transaction, victimId: string): Promise<ConsentRecord[]> {
    return this.consents.ofVictim(tx, victimId);
  }

  /** Tells reporting, in her statistics sequence, that she may (again) or may no longer be counted. */
  private async emitStatisticsConsent(tx: Transaction, victim: Victim, change: 'given' | 'withdrawn'): Promise<void> {
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
  private async syncFlags(tx: Transaction, victimId: string): Promise<void> {
    await this.cases.updateVictim(tx, victimId, {
      consentServices: await this.consents.has(tx, victimId, 'services'),
      consentStatistics: await this.consents.has(tx, victimId, 'statistics'),
    });
  }

  /** Locked: two consent changes of one victim decide and number their events one after the other. */
  private async victim(tx: Transaction, victimId: string): Promise<Victim> {
    const victim = await this.cases.lockVictim(tx, victimId);
    if (!victim) throw new NotFoundException(`no victim ${victimId}`);
    return victim;
  }
}
