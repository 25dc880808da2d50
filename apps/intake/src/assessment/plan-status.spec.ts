import { describe, expect, it } from '@jest/globals';
import { needStatus } from './plan-status.js';

describe('a plan need’s status', () => {
  it('follows its referrals', () => {
    expect(needStatus([])).toBe('pending');
    expect(needStatus(['requested'])).toBe('pending');
    expect(needStatus(['declined', 'accepted'])).toBe('pending');
    expect(needStatus(['declined', 'revoked'])).toBe('refused');
    expect(needStatus(['declined', 'completed'])).toBe('met');
  });
});
