import { BROADCAST, ReferralStatusChanged } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import type { Referral } from './referral.entity.js';
import { statisticsId } from './statistics-pseudonym.js';

/** Tells reporting (de-identified, pseudonymous ids) that a referral changed state. */
export async function broadcastReferralStatus(tx: Transaction, referral: Referral, statisticsKey: string): Promise<void> {
  await tx.emit(ReferralStatusChanged, {
    to: BROADCAST,
    caseId: statisticsId(statisticsKey, 'case', referral.caseId),
    payload: { referralId: statisticsId(statisticsKey, 'referral', referral.id), service: referral.service, status: referral.state },
  });
}
