import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { ReferralSealedColumns } from '@rujukan/service-node';
import { HealthRecord, SEALED_HEALTH_RECORD } from './health-record.entity.js';

/** Writes to `health_record`; the notes are stored sealed with the referral's data key. */
@Injectable()
export class HealthRecordRepository {
  constructor(private readonly sealed: ReferralSealedColumns) {}

  async insert(tx: Transaction, record: Omit<HealthRecord, 'recordedAt'>): Promise<HealthRecord> {
    const repo = tx.manager.getRepository(HealthRecord);
    await repo.insert(repo.create(await this.sealed.seal(tx.manager, SEALED_HEALTH_RECORD, record.referralId, record)));
    return repo.findOneByOrFail({ id: record.id });
  }

  async setServiceRecord(tx: Transaction, id: string, serviceRecordId: string): Promise<void> {
    await tx.manager.getRepository(HealthRecord).update({ id }, { serviceRecordId });
  }
}
