import { ReferralRevoked } from '@rujukan/contracts';
import type { Principal } from '@rujukan/auth';
import type { Transaction } from '@rujukan/messaging';
import { broadcastReferralStatus } from '../cases/broadcast-referral-status.js';
import { Referral } from '../cases/referral.entity.js';

/**
 * Revokes an open referral (the caller has locked and checked it): intake's
 * record, the event to the agency, and the de-identified status for reporting.
 */
export async function revokeReferral(
  tx: Transaction,
  referral: Referral,
  staff: Principal,
  statisticsKey: string,
  reason: string,
  note: string = reason,
): Promise<Referral> {
  referral.state = 'revoked';
  referral.outcomeNote = note;
  referral.updatedAt = new Date();
  await tx.manager.getRepository(Referral).save(referral);
  await tx.emit(ReferralRevoked, {
    to: referral.agencyId,
    caseId: referral.caseId,
    victimId: referral.victimId,
    payload: { referralId: referral.id, reason, actor: { staffId: staff.staffId, role: staff.role } },
  });
  await broadcastReferralStatus(tx, referral, statisticsKey);
  return referral;
}
