import { describe, expect, it } from '@jest/globals';
import { ConflictException } from '@nestjs/common';
import { checkPlanOpen, completionProblem, componentProblems } from './reintegration-rules.js';

describe('reintegration plan rules', () => {
  it('takes each area (family, school, economic) once', () => {
    expect(
      componentProblems([
        { area: 'family', goals: ['Lives with her parents again'] },
        { area: 'economic', goals: ['Sewing course, then a stall'] },
      ]),
    ).toEqual({});
    expect(
      componentProblems([
        { area: 'family', goals: ['a'] },
        { area: 'school', goals: ['b'] },
        { area: 'family', goals: ['c'] },
      ]),
    ).toEqual({
      'components.2.area': ['area family is in the plan twice: put its goals together'],
    });
  });

  it('works on a plan only while its referral is accepted and it is not completed', () => {
    expect(() => checkPlanOpen({ referralState: 'accepted', completed: false }, 'a follow-up visit')).not.toThrow();
    expect(() => checkPlanOpen({ referralState: 'accepted', completed: true }, 'a follow-up visit')).toThrow(
      'the reintegration is completed; a follow-up visit is no longer possible',
    );
    expect(() => checkPlanOpen({ referralState: 'revoked', completed: false }, 'a follow-up visit')).toThrow(ConflictException);
    expect(() => checkPlanOpen({ referralState: 'completed', completed: false }, 'completion')).toThrow(
      'referral is completed; completion needs an accepted referral',
    );
  });

  it('completes only after a follow-up visit', () => {
    expect(completionProblem(0)).toMatch(/^record at least one follow-up visit/);
    expect(completionProblem(1)).toBeNull();
  });
});
