import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { CaseReport } from './case-report.entity.js';

/** `case_report`: further reports of a case's incident. */
@Injectable()
export class CaseReportRepository {
  async insert(tx: Transaction, fields: Omit<CaseReport, 'receivedAt'>): Promise<CaseReport> {
    const repo = tx.manager.getRepository(CaseReport);
    await repo.insert(repo.create(fields));
    return (await repo.findOneBy({ id: fields.id }))!;
  }

  /** A case's further reports, oldest first. */
  ofCase(tx: Transaction, caseId: string): Promise<CaseReport[]> {
    return tx.manager.getRepository(CaseReport).find({ where: { caseId }, order: { receivedAt: 'ASC' } });
  }
}
