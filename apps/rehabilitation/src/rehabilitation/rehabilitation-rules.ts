import { ConflictException } from '@nestjs/common';
import type { ReferralState, ServiceActivity, ServiceType } from '@rujukan/contracts';

/**
 * Which record belongs to which referral. A referral is for one SPM service,
 * and what is recorded under it counts for that service's indicator only:
 * counselling and the psychosocial assessment under social rehabilitation,
 * spiritual guidance sessions under spiritual guidance. A victim referred for
 * both has two referrals, and each is completed on its own.
 */
export const SESSION_KINDS = ['counselling', 'spiritual-guidance'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_SERVICE: Readonly<Record<SessionKind, ServiceType>> = {
  counselling: 'social-rehabilitation',
  'spiritual-guidance': 'spiritual-guidance',
};

export const SESSION_ACTIVITY: Readonly<Record<SessionKind, ServiceActivity>> = {
  counselling: 'counselling-session',
  'spiritual-guidance': 'spiritual-guidance-session',
};

export const REHABILITATION_SERVICES: readonly ServiceType[] = ['social-rehabilitation', 'spiritual-guidance'];

/** The session kind a referral's service provides. */
export function sessionKindFor(service: ServiceType): SessionKind | null {
  return SESSION_KINDS.find((k) => SESSION_SERVICE[k] === service) ?? null;
}

/** Why a session of `kind` cannot be recorded under a referral for `service`, or null. */
export function sessionKindProblem(service: ServiceType, kind: SessionKind): string | null {
  if (SESSION_SERVICE[kind] === service) return null;
  const fits = sessionKindFor(service);
  return `a ${kind} session belongs to a ${SESSION_SERVICE[kind]} referral; this referral is for ${service}${fits ? ` (record ${fits} sessions)` : ''}`;
}

/** Records are made only while the agency has the referral in hand. */
export function requireAccepted(state: ReferralState, what: string): void {
  if (state === 'accepted') return;
  if (state === 'requested') throw new ConflictException(`referral is requested; accept it before recording ${what}`);
  throw new ConflictException(`referral is ${state}; ${what} can be recorded only while it is accepted`);
}

export const COMPLETION_OUTCOMES = ['goals-met', 'partly-met', 'stopped-early'] as const;
export type CompletionOutcome = (typeof COMPLETION_OUTCOMES)[number];

/**
 * When a rehabilitation referral may be completed: accepted, and with the
 * service given (social rehabilitation: a psychosocial assessment and at
 * least one counselling session; spiritual guidance: at least one session).
 * A referral under which nothing was given is declined, not completed.
 */
export function completionProblem(input: {
  service: ServiceType;
  state: ReferralState;
  assessed: boolean;
  sessions: number;
}): string | null {
  if (input.state !== 'accepted') return `referral is ${input.state}; only an accepted referral can be completed`;
  if (input.service === 'social-rehabilitation' && !input.assessed) return 'record the psychosocial assessment before completing';
  if (input.sessions < 1) {
    return `no ${sessionKindFor(input.service) ?? 'rehabilitation'} session recorded: record one, or decline the referral with a reason`;
  }
  return null;
}

/**
 * The activity completion tells reporting, if any. Completing social
 * rehabilitation is `rehabilitation-completed`; that activity counts for the
 * social-rehabilitation indicator, so a spiritual guidance referral reports
 * only its sessions and completes without a service record of its own.
 */
export function completionActivity(service: ServiceType): ServiceActivity | null {
  return service === 'social-rehabilitation' ? 'rehabilitation-completed' : null;
}
