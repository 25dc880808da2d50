import { BROADCAST, ReferralStatusChanged } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import type { Referral } from './referral.entity.js';

/** Tells reporting (de-identified) that a referral changed state. */
export async function broadcastReferralStatus(tx: Transaction, referral: Referral): Promise<void> {
  await tx.emit(ReferralStatusChanged, {
    to: BROADCAST,
    caseId: referral.caseId,
    payload: { referralId: referral.id, service: referral.service, status: referral.state },
  });
}
