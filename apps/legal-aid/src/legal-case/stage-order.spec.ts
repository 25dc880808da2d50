import { describe, expect, it } from '@jest/globals';
import { advanceStage, stageDateProblem, stageProblems, STAGE_ACTIVITY, LEGAL_STAGES } from './stage-order.js';
import { SERVICE_ACTIVITIES } from '@rujukan/contracts';

describe('the stages of a criminal case', () => {
  it('move forward, skipping stages when they are recorded late', () => {
    expect(advanceStage(null, 'report')).toEqual({ stage: 'report', changed: true });
    expect(advanceStage('report', 'investigation')).toEqual({ stage: 'investigation', changed: true });
    expect(advanceStage('investigation', 'trial')).toEqual({ stage: 'trial', changed: true });
    expect(advanceStage('trial', 'verdict')).toEqual({ stage: 'verdict', changed: true });
    expect(advanceStage(null, 'prosecution')).toEqual({ stage: 'prosecution', changed: true });
  });

  it('a repeated or late stage changes nothing', () => {
    expect(advanceStage('trial', 'trial')).toEqual({ stage: 'trial', changed: false });
    expect(advanceStage('trial', 'investigation')).toEqual({ stage: 'trial', changed: false });
    expect(advanceStage('verdict', 'report')).toEqual({ stage: 'verdict', changed: false });
    expect(advanceStage('verdict', 'verdict')).toEqual({ stage: 'verdict', changed: false });
  });

  it('a verdict needs an outcome, and only a verdict has one', () => {
    expect(stageProblems('verdict', undefined)).toEqual({ outcome: [expect.stringMatching(/needs its outcome/)] });
    expect(stageProblems('verdict', 'convicted')).toBeNull();
    expect(stageProblems('trial', 'acquitted')).toEqual({ outcome: ['only a verdict has an outcome'] });
    expect(stageProblems('investigation', undefined)).toBeNull();
  });

  it('a stage is not dated before the one the case is at', () => {
    expect(stageDateProblem('2026-03-10', '2026-03-09')).toMatch(/before the current stage/);
    expect(stageDateProblem('2026-03-10', '2026-03-10')).toBeNull();
    expect(stageDateProblem(null, '2020-01-01')).toBeNull();
  });

  it('records each stage as its activity; only the verdict counts, for law enforcement', () => {
    expect(LEGAL_STAGES.map((s) => SERVICE_ACTIVITIES[STAGE_ACTIVITY[s]])).toEqual([null, null, null, null, 'law-enforcement']);
  });
});
