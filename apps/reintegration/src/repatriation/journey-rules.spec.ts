import { describe, expect, it } from '@jest/globals';
import { ConflictException } from '@nestjs/common';
import { checkJourneyStep, legDateProblems } from './journey-rules.js';

describe('repatriation journey rules', () => {
  it('moves forward one step at a time: planned -> travelling -> handed-over', () => {
    expect(() => checkJourneyStep('planned', 'travelling')).not.toThrow();
    expect(() => checkJourneyStep('travelling', 'handed-over')).not.toThrow();
  });

  it('never skips the journey itself, goes back or repeats a step (409)', () => {
    expect(() => checkJourneyStep('planned', 'handed-over')).toThrow('journey is planned; it must be travelling before it is handed-over');
    expect(() => checkJourneyStep('travelling', 'travelling')).toThrow(
      'journey is travelling; it cannot become travelling again or go back',
    );
    expect(() => checkJourneyStep('handed-over', 'travelling')).toThrow(ConflictException);
    expect(() => checkJourneyStep('handed-over', 'handed-over')).toThrow(ConflictException);
    expect(() => checkJourneyStep('travelling', 'planned')).toThrow(ConflictException);
  });

  it('takes legs in travel order, each arriving after it departs', () => {
    const deported = { departOn: '2026-04-02', arriveOn: '2026-04-02' }; // Johor Bahru -> Tanjungpinang by sea
    const home = { departOn: '2026-04-05', arriveOn: '2026-04-05' }; // Tanjungpinang -> Lombok by air
    expect(legDateProblems([], [deported, home])).toEqual({});
    expect(legDateProblems([], [home, deported])).toEqual({
      'legs.1.departOn': ['departOn is before the previous leg ended (2026-04-05)'],
    });
    expect(legDateProblems([], [{ departOn: '2026-04-05', arriveOn: '2026-04-04' }])).toEqual({
      'legs.0.arriveOn': ['arriveOn is before departOn'],
    });
    // Legs added later follow the ones on record; a leg without arrival ends on its departure day.
    expect(legDateProblems([deported, { departOn: '2026-04-06' }], [home])).toEqual({
      'legs.0.departOn': ['departOn is before the previous leg ended (2026-04-06)'],
    });
    expect(legDateProblems([deported], [home])).toEqual({});
  });
});
