import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { matchVisumRequest, type ReferralCandidate } from './visum-matching.js';

const caseId = randomUUID();
const victimId = randomUUID();

function referral(overrides: Partial<ReferralCandidate> = {}): ReferralCandidate {
  return {
    referralId: randomUUID(),
    caseId,
    victimId,
    service: 'health',
    state: 'accepted',
    receivedAt: new Date('2026-03-01T02:00:00Z'),
    ...overrides,
  };
}

describe('matching a visum request to the health referral of the same victim', () => {
  it('finds the accepted health referral of the same victim and case', () => {
    const mine = referral();
    expect(matchVisumRequest({ caseId, victimId }, [mine])).toBe(mine.referralId);
  });

  it('matches a completed referral too: she was examined here', () => {
    const done = referral({ state: 'completed' });
    expect(matchVisumRequest({ caseId, victimId }, [done])).toBe(done.referralId);
  });

  it('keeps the request pending while the referral is only requested, and never matches a declined or revoked one', () => {
    for (const state of ['requested', 'declined', 'revoked'] as const) {
      expect(matchVisumRequest({ caseId, victimId }, [referral({ state })])).toBeNull();
    }
    expect(matchVisumRequest({ caseId, victimId }, [])).toBeNull();
  });

  it('never matches another victim, the same victim in another case, or a referral without a service', () => {
    expect(matchVisumRequest({ caseId, victimId }, [referral({ victimId: randomUUID() })])).toBeNull();
    expect(matchVisumRequest({ caseId, victimId }, [referral({ caseId: randomUUID() })])).toBeNull();
    expect(matchVisumRequest({ caseId, victimId }, [referral({ service: null })])).toBeNull();
  });

  it('prefers the referral whose care is under way, then the latest', () => {
    const older = referral({ receivedAt: new Date('2026-01-01T00:00:00Z') });
    const newer = referral({ receivedAt: new Date('2026-02-01T00:00:00Z') });
    const completedLatest = referral({ state: 'completed', receivedAt: new Date('2026-03-01T00:00:00Z') });
    expect(matchVisumRequest({ caseId, victimId }, [older, completedLatest, newer])).toBe(newer.referralId);
  });
});
