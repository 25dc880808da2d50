import { BROADCAST, declineReasonCode, ReferralStatusChanged } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import type { Referral } from './referral.entity.js';
import { caseStatisticsId, statisticsId } from './statistics-pseudonym.js';

/** Tells reporting (de-identified, pseudonymous ids) that a referral changed state. */
export async function broadcastReferralStatus(tx: Transaction, referral: Referral, statisticsKey: string): Promise<void> {
  await tx.emit(ReferralStatusChanged, {
    to: BROADCAST,
    caseId: await caseStatisticsId(tx.manager, statisticsKey, referral.caseId),
    payload: {
      referralId: statisticsId(statisticsKey, 'referral', referral.id),
      service: referral.service,
      status: referral.state,
      agencyId: referral.agencyId,
      declineReason: referral.state === 'declined' ? declineReasonCode(referral.outcomeNote) : undefined,
    },
  });
}
