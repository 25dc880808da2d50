import type { Transaction } from '@rujukan/messaging';
import { CaseAlert, type CaseAlertKind } from './case-alert.entity.js';

/** Records one alert of a kind for a case; a second of the same kind is ignored. */
export async function raiseAlert(tx: Transaction, caseId: string, kind: CaseAlertKind): Promise<void> {
  await tx.manager.createQueryBuilder().insert().into(CaseAlert).values({ caseId, kind }).orIgnore().execute();
}
