import type { ServiceActivity, StateRanks } from '@rujukan/contracts';
import { advanceState } from '@rujukan/contracts';

/** The criminal case's stages: police report, investigation (penyidikan), prosecution (penuntutan), trial, verdict. */
export const LEGAL_STAGES = ['report', 'investigation', 'prosecution', 'trial', 'verdict'] as const;
export type LegalStage = (typeof LEGAL_STAGES)[number];

/** Stages after the police report, recorded with POST /referrals/:id/stages. */
export const LATER_STAGES = ['investigation', 'prosecution', 'trial', 'verdict'] as const;

/** A verdict's outcome: convicted, acquitted (bebas), dismissed (lepas dari segala tuntutan hukum). */
export const VERDICT_OUTCOMES = ['convicted', 'acquitted', 'dismissed'] as const;
export type VerdictOutcome = (typeof VERDICT_OUTCOMES)[number];

export const LEGAL_STAGE_RANK: StateRanks<LegalStage> = { report: 0, investigation: 1, prosecution: 2, trial: 3, verdict: 4 };

/** The activity each stage is recorded as for reporting (only a verdict counts for an indicator). */
export const STAGE_ACTIVITY: Record<LegalStage, ServiceActivity> = {
  report: 'police-report',
  investigation: 'investigation',
  prosecution: 'prosecution',
  trial: 'trial',
  verdict: 'verdict',
};

/** Field errors of a stage as given: a verdict needs its outcome, no other stage has one. */
export function stageProblems(stage: LegalStage, outcome: VerdictOutcome | undefined): Record<string, string[]> | null {
  if (stage === 'verdict' && !outcome) return { outcome: ['a verdict needs its outcome: convicted, acquitted or dismissed'] };
  if (stage !== 'verdict' && outcome) return { outcome: ['only a verdict has an outcome'] };
  return null;
}

/**
 * Stages move forward only (skipping is allowed: a case may be recorded late).
 * A stage at or below the current one is late or repeated and changes nothing.
 */
export function advanceStage(current: LegalStage | null, incoming: LegalStage): { stage: LegalStage; changed: boolean } {
  const stage = advanceState(LEGAL_STAGE_RANK, current ?? undefined, incoming);
  return { stage, changed: stage !== current };
}

/** A stage's date may not come before the date of the stage the case is at. */
export function stageDateProblem(currentOn: string | null, occurredOn: string): string | null {
  return currentOn && occurredOn < currentOn ? `occurredOn must not be before the current stage's date (${currentOn})` : null;
}
