import { describe, expect, it } from '@jest/globals';
import { ConflictException } from '@nestjs/common';
import { checkJourneyStep, handOverDayProblem, legDateProblems, receivingAgencyProblem } from './journey-rules.js';

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

  it('hands her over only to a UPTD PPA or Dinas Sosial of her origin district', () => {
    const uptdLombokTimur = { id: 'uptd-ppa-lombok-timur', node: 'intake', district: 'Kabupaten Lombok Timur' };
    const dinsosLombokTimur = { id: 'dinsos-lombok-timur', node: 'rehabilitation', district: 'Kabupaten Lombok Timur' };
    expect(receivingAgencyProblem(uptdLombokTimur, 'Kabupaten Lombok Timur')).toBeUndefined();
    expect(receivingAgencyProblem(dinsosLombokTimur, 'Kabupaten Lombok Timur')).toBeUndefined();
    expect(receivingAgencyProblem({ id: 'rsud-tanjungpinang', node: 'health', district: 'Kota Tanjungpinang' }, 'Kota Tanjungpinang')).toBe(
      "agency rsud-tanjungpinang cannot receive a victim: a hand-over goes to the district's UPTD PPA or Dinas Sosial",
    );
    expect(
      receivingAgencyProblem({ id: 'uptd-ppa-tanjungpinang', node: 'intake', district: 'Kota Tanjungpinang' }, 'Kabupaten Lombok Timur'),
    ).toBe("agency uptd-ppa-tanjungpinang is in Kota Tanjungpinang, not in the journey's destination district (Kabupaten Lombok Timur)");
  });

  it('hands her over no earlier than the day the last leg departs', () => {
    const legs = [
      { departOn: '2026-12-01', arriveOn: '2026-12-01' },
      { departOn: '2026-12-04', arriveOn: null },
    ];
    expect(handOverDayProblem('2026-12-01', legs)).toBe("handedOverAt is before the journey's last leg departs (2026-12-04)");
    expect(handOverDayProblem('2026-12-04', legs)).toBeUndefined();
    expect(handOverDayProblem('2026-12-05', legs)).toBeUndefined();
  });

  it('names every leg out of travel order, not only the first', () => {
    const legs = [
      { departOn: '2026-05-05', arriveOn: '2026-05-05' },
      { departOn: '2026-05-01', arriveOn: '2026-05-01' },
      { departOn: '2026-05-03', arriveOn: '2026-05-03' },
    ];
    expect(legDateProblems([], legs)).toEqual({
      'legs.1.departOn': ['departOn is before the previous leg ended (2026-05-05)'],
      'legs.2.departOn': ['departOn is before an earlier leg ended (2026-05-05)'],
    });
  });
});
