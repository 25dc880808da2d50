import { describe, expect, it } from '@jest/globals';
import { ConflictException, ForbiddenException } from '@nestjs/common';
import { closureRule } from './closure-rule.js';

describe('closure rule', () => {
  const done = [
    { service: 'shelter', state: 'completed' },
    { service: 'health', state: 'declined' },
    { service: 'legal-aid', state: 'revoked' },
  ] as const;

  it('closes when every referral is completed, declined or revoked (or there are none)', () => {
    expect(closureRule({ status: 'in-service', referrals: done, role: 'case-worker' })).toEqual({ openReferrals: 0, overrideReason: null });
    expect(closureRule({ status: 'open', referrals: [], role: 'case-worker' })).toEqual({ openReferrals: 0, overrideReason: null });
  });

  it('refuses with referrals requested or accepted, saying which', () => {
    const open = [...done, { service: 'social-rehabilitation', state: 'accepted' } as const];
    expect(() => closureRule({ status: 'in-service', referrals: open, role: 'supervisor' })).toThrow(
      '1 referral(s) still open (social-rehabilitation: accepted)',
    );
  });

  it('lets a supervisor close with open referrals, with her reason; not a case worker', () => {
    const open = [{ service: 'shelter', state: 'requested' } as const];
    expect(() =>
      closureRule({ status: 'in-service', referrals: open, role: 'case-worker', overrideReason: 'Victim moved abroad' }),
    ).toThrow(ForbiddenException);
    expect(closureRule({ status: 'in-service', referrals: open, role: 'supervisor', overrideReason: 'Victim moved abroad' })).toEqual({
      openReferrals: 1,
      overrideReason: 'Victim moved abroad',
    });
  });

  it('does not close a case twice, nor one handed over', () => {
    expect(() => closureRule({ status: 'closed', referrals: [], role: 'supervisor' })).toThrow(ConflictException);
    expect(() => closureRule({ status: 'closed-referred', referrals: [], role: 'supervisor' })).toThrow('case is closed-referred already');
  });
});
