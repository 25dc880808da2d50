import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { HealthRecord } from './health-record.entity.js';

/** Writes to `health_record`. */
@Injectable()
export class HealthRecordRepository {
  async insert(tx: Transaction, record: Omit<HealthRecord, 'recordedAt'>): Promise<HealthRecord> {
    const repo = tx.manager.getRepository(HealthRecord);
    const row = repo.create(record);
    await repo.insert(row);
    return row;
  }

  async setServiceRecord(tx: Transaction, id: string, serviceRecordId: string): Promise<void> {
    await tx.manager.getRepository(HealthRecord).update({ id }, { serviceRecordId });
  }
}
