import type { ReferralState } from '@rujukan/contracts';

export type NeedStatus = 'met' | 'pending' | 'refused';

/**
 * A need's status from the referrals made for it: met once one is completed;
 * pending while one is open or none was made yet; refused when every one
 * made was declined or revoked.
 */
export function needStatus(referralStates: ReferralState[]): NeedStatus {
  if (referralStates.includes('completed')) return 'met';
  if (!referralStates.length || referralStates.some((s) => s === 'requested' || s === 'accepted')) return 'pending';
  return 'refused';
}
