import { StateRanks } from './state-order.js';

export const REFERRAL_STATES = ['requested', 'accepted', 'declined', 'revoked', 'completed'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

/**
 * Ranks of a referral's states (docs/messaging.md, "Order"):
 * - a completion that overtakes its acceptance leaves the referral completed;
 * - a revocation racing an acceptance: revoked outranks accepted, so both
 *   sides end revoked whichever arrives first;
 * - a service already delivered stays completed even if a revocation follows.
 */
export const REFERRAL_STATE_RANK: StateRanks<ReferralState> = {
  requested: 0,
  accepted: 1,
  declined: 2,
  revoked: 2,
  completed: 3,
};
