import { describe, expect, it } from '@jest/globals';
import { REFERRAL_STATE_RANK, ReferralState } from './referral-state.js';
import { advanceState } from './state-order.js';

const apply = (events: ReferralState[]) =>
  events.reduce<ReferralState | undefined>((s, e) => advanceState(REFERRAL_STATE_RANK, s, e), undefined);

describe('referral state under reordering and repetition', () => {
  it('a completion that overtakes its acceptance stays completed', () => {
    expect(apply(['requested', 'completed', 'accepted'])).toBe('completed');
  });

  it('a revocation racing an acceptance ends revoked in either order', () => {
    expect(apply(['requested', 'accepted', 'revoked'])).toBe('revoked');
    expect(apply(['requested', 'revoked', 'accepted'])).toBe('revoked');
  });

  it('a delivered service stays completed when a revocation arrives late', () => {
    expect(apply(['requested', 'accepted', 'completed', 'revoked'])).toBe('completed');
  });

  it('repeated events change nothing, and any order of the same events gives one state', () => {
    const events: ReferralState[] = ['requested', 'accepted', 'accepted', 'completed', 'requested'];
    const permutations = [
      events,
      [...events].reverse(),
      ['completed', 'requested', 'accepted', 'accepted', 'requested'] as ReferralState[],
    ];
    expect(new Set(permutations.map(apply))).toEqual(new Set(['completed']));
  });

  it('declined and revoked do not replace each other', () => {
    expect(apply(['declined', 'revoked'])).toBe('declined');
    expect(apply(['revoked', 'declined'])).toBe('revoked');
  });
});
