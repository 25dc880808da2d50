import type { SealedColumnsOf } from '@rujukan/messaging';
import { PsychosocialAssessment } from './psychosocial-assessment.entity.js';
import { RehabilitationCompletion } from './rehabilitation-completion.entity.js';
import { RehabilitationPlan } from './rehabilitation-plan.entity.js';
import { RehabilitationSession } from './rehabilitation-session.entity.js';

export const SEALED_ASSESSMENT: SealedColumnsOf<PsychosocialAssessment> = {
  entity: PsychosocialAssessment,
  subject: 'referralId',
  text: ['findings'],
};
export const SEALED_SESSION: SealedColumnsOf<RehabilitationSession> = {
  entity: RehabilitationSession,
  subject: 'referralId',
  text: ['notes'],
};
export const SEALED_PLAN: SealedColumnsOf<RehabilitationPlan> = {
  entity: RehabilitationPlan,
  subject: 'referralId',
  text: [],
  json: ['goals'],
};
export const SEALED_COMPLETION: SealedColumnsOf<RehabilitationCompletion> = {
  entity: RehabilitationCompletion,
  subject: 'referralId',
  text: ['note'],
};

/**
 * What the counsellors write about her (findings, session notes, the plan's
 * goals, the completion's note), sealed with the referral's data key; risk
 * level, concern codes, kinds, outcomes, counts and dates stay in plain.
 */
export const SEALED_REHABILITATION = [SEALED_ASSESSMENT, SEALED_SESSION, SEALED_PLAN, SEALED_COMPLETION];
