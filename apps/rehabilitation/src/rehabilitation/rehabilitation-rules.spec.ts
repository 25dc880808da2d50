import { describe, expect, it } from '@jest/globals';
import { ConflictException } from '@nestjs/common';
import { SERVICE_ACTIVITIES } from '@rujukan/contracts';
import {
  completionActivity,
  completionProblem,
  requireAccepted,
  SESSION_ACTIVITY,
  SESSION_SERVICE,
  sessionKindFor,
  sessionKindProblem,
} from './rehabilitation-rules.js';

describe('rehabilitation rules', () => {
  it('records counselling only under social rehabilitation and spiritual guidance only under spiritual guidance', () => {
    expect(sessionKindProblem('social-rehabilitation', 'counselling')).toBeNull();
    expect(sessionKindProblem('spiritual-guidance', 'spiritual-guidance')).toBeNull();
    expect(sessionKindProblem('social-rehabilitation', 'spiritual-guidance')).toBe(
      'a spiritual-guidance session belongs to a spiritual-guidance referral; this referral is for social-rehabilitation (record counselling sessions)',
    );
    expect(sessionKindProblem('spiritual-guidance', 'counselling')).toMatch(/belongs to a social-rehabilitation referral/);
    expect(sessionKindFor('spiritual-guidance')).toBe('spiritual-guidance');
    expect(sessionKindFor('repatriation')).toBeNull();
  });

  it('counts each session for the indicator of the service its referral is for', () => {
    for (const kind of ['counselling', 'spiritual-guidance'] as const) {
      expect(SERVICE_ACTIVITIES[SESSION_ACTIVITY[kind]]).toBe(SESSION_SERVICE[kind]);
    }
    // Completion reports only where its activity counts for the referral's own indicator.
    expect(completionActivity('social-rehabilitation')).toBe('rehabilitation-completed');
    expect(SERVICE_ACTIVITIES['rehabilitation-completed']).toBe('social-rehabilitation');
    expect(completionActivity('spiritual-guidance')).toBeNull();
  });

  it('records only under an accepted referral, saying what to do', () => {
    expect(() => requireAccepted('accepted', 'a session')).not.toThrow();
    expect(() => requireAccepted('requested', 'a session')).toThrow('referral is requested; accept it before recording a session');
    for (const state of ['declined', 'revoked', 'completed'] as const) {
      expect(() => requireAccepted(state, 'a session')).toThrow(ConflictException);
    }
  });

  it('completes social rehabilitation only after an assessment and a counselling session', () => {
    const base = { service: 'social-rehabilitation' as const, state: 'accepted' as const, assessed: true, sessions: 2 };
    expect(completionProblem(base)).toBeNull();
    expect(completionProblem({ ...base, assessed: false })).toBe('record the psychosocial assessment before completing');
    expect(completionProblem({ ...base, sessions: 0 })).toMatch(/^no counselling session recorded: record one, or decline/);
    expect(completionProblem({ ...base, state: 'completed' })).toBe('referral is completed; only an accepted referral can be completed');
    expect(completionProblem({ ...base, state: 'requested' })).toMatch(/only an accepted referral/);
  });

  it('completes spiritual guidance after one session, with no assessment needed', () => {
    const base = { service: 'spiritual-guidance' as const, state: 'accepted' as const, assessed: false, sessions: 1 };
    expect(completionProblem(base)).toBeNull();
    expect(completionProblem({ ...base, sessions: 0 })).toMatch(/^no spiritual-guidance session recorded/);
  });
});
