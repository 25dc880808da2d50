import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { CaseAlert, type CaseAlertKind } from './case-alert.entity.js';

/** Supervisors' alerts. */
@Injectable()
export class AlertRepository {
  /** Records one alert of a kind for a case; a second of the same kind is ignored. */
  async raise(tx: Transaction, caseId: string, kind: CaseAlertKind): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(CaseAlert).values({ caseId, kind }).orIgnore().execute();
  }

  /** False when there is no such alert. */
  async acknowledge(tx: Transaction, id: string, staffId: string): Promise<boolean> {
    const result = await tx.manager.getRepository(CaseAlert).update({ id }, { acknowledgedBy: staffId, acknowledgedAt: new Date() });
    return !!result.affected;
  }
}
