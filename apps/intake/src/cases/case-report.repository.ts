import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { CaseReport } from './case-report.entity.js';
import { IntakeSealedColumns, SEALED_REPORT } from './sealed-columns.js';

/** `case_report`: further reports of a case's incident; who reported and the note are sealed with her data key. */
@Injectable()
export class CaseReportRepository {
  constructor(private readonly sealed: IntakeSealedColumns) {}

  async insert(tx: Transaction, fields: Omit<CaseReport, 'receivedAt'>): Promise<CaseReport> {
    await this.sealed.insert(tx.manager, SEALED_REPORT, [fields]);
    // Read back (opened as it loads) for what the database filled in.
    return (await tx.manager.getRepository(CaseReport).findOneBy({ id: fields.id }))!;
  }

  /** A case's further reports, oldest first. */
  ofCase(tx: Transaction, caseId: string): Promise<CaseReport[]> {
    return tx.manager.getRepository(CaseReport).find({ where: { caseId }, order: { receivedAt: 'ASC' } });
  }
}
