import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { ReferralInboxService } from '@rujukan/service-node';
import { HealthRecord } from '../health-records/health-record.entity.js';

@Injectable()
export class HealthRecordsQuery {
  constructor(private readonly referrals: ReferralInboxService) {}

  /** The care recorded under a referral (404 without the referral), in the order it happened. */
  async underReferral(tx: Transaction, referralId: string): Promise<HealthRecord[]> {
    await this.referrals.get(tx, referralId);
    return tx.manager.getRepository(HealthRecord).find({ where: { referralId }, order: { occurredOn: 'ASC', recordedAt: 'ASC' } });
  }
}
