import { Injectable } from '@nestjs/common';
import type { ServiceType } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { ReferralRepository } from '../cases/referral.repository.js';
import { ConsentChanges } from '../consent/consent-changes.js';
import type { ConsentPurpose } from '../consent/consent-record.entity.js';
import { ConsentRepository } from '../consent/consent.repository.js';
import { RevokeReferralService } from '../revoke-referral/revoke-referral.service.js';

/**
 * Withdrawing consent acts on the network: open referrals for the services concerned are revoked, and a
 * withdrawn statistics consent takes the victim out of reporting's counts.
 */
@Injectable()
export class WithdrawConsentService {
  constructor(
    private readonly consents: ConsentRepository,
    private readonly referrals: ReferralRepository,
    private readonly revocation: RevokeReferralService,
    private readonly changes: ConsentChanges,
  ) {}

  async withdraw(
    tx: Transaction,
    victimId: string,
    purpose: ConsentPurpose,
    staff: Principal,
    service?: ServiceType,
  ): Promise<{ withdrawn: number; referralsRevoked: number }> {
    const victim = await this.changes.lockVictim(tx, victimId);
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
      await this.changes.emitStatisticsConsent(tx, victim, 'withdrawn');
    }
    await this.changes.syncFlags(tx, victimId);
    return { withdrawn, referralsRevoked };
  }
}
