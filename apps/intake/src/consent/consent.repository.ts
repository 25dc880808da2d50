import { Injectable } from '@nestjs/common';
import type { ServiceType } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { ConsentRecord, type ConsentPurpose } from './consent-record.entity.js';

/** A victim's consent records. */
@Injectable()
export class ConsentRepository {
  async insert(tx: Transaction, fields: Partial<ConsentRecord>): Promise<ConsentRecord> {
    const record = tx.manager.getRepository(ConsentRecord).create(fields);
    await tx.manager.getRepository(ConsentRecord).insert(record);
    return record;
  }

  async insertMany(tx: Transaction, records: Array<Partial<ConsentRecord>>): Promise<void> {
    if (records.length) await tx.manager.getRepository(ConsentRecord).insert(records);
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

  /** Withdraws what covers the purpose (and the service); returns how many records. */
  async withdraw(tx: Transaction, victimId: string, purpose: ConsentPurpose, withdrawnBy: string, service?: ServiceType): Promise<number> {
    const [rows] = await tx.manager.query<[unknown[], number]>(
      `UPDATE consent_record SET withdrawn_at = now(), withdrawn_by = $4
       WHERE victim_id = $1 AND purpose = $2 AND withdrawn_at IS NULL AND ($3::text IS NULL OR service = $3 OR service IS NULL)
       RETURNING id`,
      [victimId, purpose, service ?? null, withdrawnBy],
    );
    return rows.length;
  }

  /** Her records, oldest first. */
  ofVictim(tx: Transaction, victimId: string): Promise<ConsentRecord[]> {
    return tx.manager.getRepository(ConsentRecord).find({ where: { victimId }, order: { recordedAt: 'ASC' } });
  }

  /** The records of several victims, oldest first. */
  ofVictims(tx: Transaction, victimIds: string[]): Promise<ConsentRecord[]> {
    return tx.manager
      .getRepository(ConsentRecord)
      .find({ where: victimIds.map((victimId) => ({ victimId })), order: { recordedAt: 'ASC' } });
  }
}
