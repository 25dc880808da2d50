import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { VictimErasureRepository } from '../erase-victim/victim-erasure.repository.js';
import { IncomingReferralRepository } from '../referral-inbox/incoming-referral.repository.js';

@Injectable()
export class RecordLegalHoldService {
  constructor(
    private readonly referrals: IncomingReferralRepository,
    private readonly erasure: VictimErasureRepository,
  ) {}

  /** The hold on the referral's victim, or null when there is no such referral (or it names nobody yet). */
  async record(
    tx: Transaction,
    referralId: string,
    reason: string,
    staff: Principal,
  ): Promise<{ referralId: string; legalHold: string } | null> {
    const referral = await this.referrals.find(tx, referralId);
    if (!referral?.victimId) return null;
    await this.erasure.recordHold(tx, referral.victimId, reason, staff.staffId);
    return { referralId, legalHold: reason };
  }
}
