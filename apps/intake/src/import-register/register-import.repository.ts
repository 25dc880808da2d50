import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';

/** `register_import`: each past register's case imported, by its number at the importing agency. */
@Injectable()
export class RegisterImportRepository {
  async has(tx: Transaction, agencyId: string, registerNumber: string): Promise<boolean> {
    const rows = await tx.manager.query<unknown[]>(`SELECT 1 FROM register_import WHERE agency_id = $1 AND register_number = $2`, [
      agencyId,
      registerNumber,
    ]);
    return rows.length > 0;
  }

  async record(
    tx: Transaction,
    r: { agencyId: string; registerNumber: string; caseId: string | null; statisticsCaseId: string; deidentified: boolean; rows: number },
  ): Promise<void> {
    await tx.manager.query(
      `INSERT INTO register_import (agency_id, register_number, case_id, statistics_case_id, deidentified, rows)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [r.agencyId, r.registerNumber, r.caseId, r.statisticsCaseId, r.deidentified, r.rows],
    );
  }
}
