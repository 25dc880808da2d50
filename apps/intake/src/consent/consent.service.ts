import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { BROADCAST, StatisticsConsentGiven, StatisticsConsentWithdrawn, type ServiceType } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { Referral } from '../cases/referral.entity.js';
import { caseStatisticsId, storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { nextStatisticsSequence } from '../cases/statistics-sequence.js';
import { Victim } from '../cases/victim.entity.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { revokeReferral } from '../revoke-referral/revoke-referral.js';
import { ConsentRecord, type ConsentForm, type ConsentPurpose } from './consent-record.entity.js';

/**
 * Consent per purpose: to services (all, or one service), to disclosure to
 * other organisations, to statistical reporting. Withdrawing one acts on the
 * network: open referrals for the services concerned are revoked, and a
 * withdrawn statistics consent takes the victim out of reporting's counts.
 */
@Injectable()
export class ConsentService {
  constructor(@Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings) {}

  async give(
    tx: Transaction,
    victimId: string,
    purpose: ConsentPurpose,
    givenAs: ConsentForm,
    staff: Principal,
    service?: ServiceType,
  ): Promise<ConsentRecord> {
    const victim = await this.victim(tx, victimId);
    const hadStatistics = purpose === 'statistics' && (await this.has(tx, victimId, 'statistics'));
    const repo = tx.manager.getRepository(ConsentRecord);
    const record = repo.create({
      victimId,
      purpose,
      service: purpose === 'services' ? (service ?? null) : null,
      givenAs,
      recordedBy: staff.staffId,
    });
    await repo.insert(record);
    if (purpose === 'statistics' && !hadStatistics) {
      // Counted again under the consent policy.
      const statisticsVictimId = storedStatisticsId(this.settings.statisticsKey, 'victim', victim);
      await tx.emit(StatisticsConsentGiven, {
        to: BROADCAST,
        caseId: await caseStatisticsId(tx.manager, this.settings.statisticsKey, victim.caseId),
        payload: { victimId: statisticsVictimId, sequence: await nextStatisticsSequence(tx.manager, statisticsVictimId) },
      });
    }
    await this.syncFlags(tx, victimId);
    return record;
  }

  /** True while an unwithdrawn consent covers the purpose (and the service). */
  async has(tx: Transaction, victimId: string, purpose: ConsentPurpose, service?: ServiceType): Promise<boolean> {
    const rows: unknown[] = await tx.manager.query(
      `SELECT 1 FROM consent_record WHERE victim_id = $1 AND purpose = $2 AND withdrawn_at IS NULL
         AND ($3::text IS NULL OR service IS NULL OR service = $3) LIMIT 1`,
      [victimId, purpose, service ?? null],
    );
    return rows.length > 0;
  }

  async withdraw(
    tx: Transaction,
    victimId: string,
    purpose: ConsentPurpose,
    staff: Principal,
    service?: ServiceType,
  ): Promise<{ withdrawn: number; referralsRevoked: number }> {
    const victim = await this.victim(tx, victimId);
    const [rows] = await tx.manager.query<[unknown[], number]>(
      `UPDATE consent_record SET withdrawn_at = now(), withdrawn_by = $4
       WHERE victim_id = $1 AND purpose = $2 AND withdrawn_at IS NULL AND ($3::text IS NULL OR service = $3 OR service IS NULL)
       RETURNING id`,
      [victimId, purpose, service ?? null, staff.staffId],
    );
    let referralsRevoked = 0;
    if (purpose === 'services') {
      const open = await tx.manager.getRepository(Referral).find({ where: { victimId }, lock: { mode: 'pessimistic_write' } });
      for (const referral of open) {
        if (!['requested', 'accepted'].includes(referral.state)) continue;
        if (service && referral.service !== service) continue;
        if (await this.has(tx, victimId, 'services', referral.service)) continue; // another consent still covers it
        await revokeReferral(tx, referral, staff, this.settings.statisticsKey, 'consent withdrawn', 'consent to this service withdrawn');
        referralsRevoked++;
      }
    }
    if (purpose === 'statistics' && !(await this.has(tx, victimId, 'statistics'))) {
      const statisticsVictimId = storedStatisticsId(this.settings.statisticsKey, 'victim', victim);
      await tx.emit(StatisticsConsentWithdrawn, {
        to: BROADCAST,
        caseId: await caseStatisticsId(tx.manager, this.settings.statisticsKey, victim.caseId),
        payload: { victimId: statisticsVictimId, sequence: await nextStatisticsSequence(tx.manager, statisticsVictimId) },
      });
    }
    await this.syncFlags(tx, victimId);
    return { withdrawn: rows.length, referralsRevoked };
  }

  list(tx: Transaction, victimId: string): Promise<ConsentRecord[]> {
    return tx.manager.getRepository(ConsentRecord).find({ where: { victimId }, order: { recordedAt: 'ASC' } });
  }

  /** The victim's summary flags follow the records. */
  private async syncFlags(tx: Transaction, victimId: string): Promise<void> {
    await tx.manager
      .getRepository(Victim)
      .update(
        { id: victimId },
        { consentServices: await this.has(tx, victimId, 'services'), consentStatistics: await this.has(tx, victimId, 'statistics') },
      );
  }

  /** Locked: two consent changes of one victim decide and number their events one after the other. */
  private async victim(tx: Transaction, victimId: string): Promise<Victim> {
    const victim = await tx.manager.getRepository(Victim).findOne({ where: { id: victimId }, lock: { mode: 'pessimistic_write' } });
    if (!victim) throw new NotFoundException(`no victim ${victimId}`);
    return victim;
  }
}
