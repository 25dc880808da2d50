import { ConflictException } from '@nestjs/common';

/** What a reintegration plan works on: back with her family, back at school, an income. */
export const REINTEGRATION_AREAS = ['family', 'school', 'economic'] as const;
export type ReintegrationArea = (typeof REINTEGRATION_AREAS)[number];

export interface PlanComponent {
  area: ReintegrationArea;
  goals: string[];
}

export const REINTEGRATION_RESULTS = ['goals-met', 'partly-met', 'stopped-early'] as const;
export type ReintegrationResult = (typeof REINTEGRATION_RESULTS)[number];

/** Field errors of a plan's components: each area at most once. */
export function componentProblems(components: PlanComponent[]): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const seen = new Set<ReintegrationArea>();
  components.forEach((c, i) => {
    if (seen.has(c.area)) problems[`components.${i}.area`] = [`area ${c.area} is in the plan twice: put its goals together`];
    seen.add(c.area);
  });
  return problems;
}

/** A plan is worked on (revised, visited, completed) only while its referral is accepted and it is not completed. */
export function checkPlanOpen(input: { referralState: string; completed: boolean }, what: string): void {
  if (input.completed) throw new ConflictException(`the reintegration is completed; ${what} is no longer possible`);
  if (input.referralState !== 'accepted')
    throw new ConflictException(`referral is ${input.referralState}; ${what} needs an accepted referral`);
}

/** Completion needs at least one follow-up visit: reintegration is known to hold only by visiting. */
export function completionProblem(visits: number): string | null {
  return visits < 1 ? 'record at least one follow-up visit before completing, or decline the referral with a reason' : null;
}
