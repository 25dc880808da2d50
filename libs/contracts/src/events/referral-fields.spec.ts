import { describe, expect, it } from '@jest/globals';
import { ageBand, ageOn } from '../domain/vocabulary.js';
import { fieldsNotAllowed, referredPersonFor } from './referral-fields.js';

const everything = {
  name: 'Siti',
  sex: 'female' as const,
  ageYears: 16,
  idNumber: '3171234567890123',
  district: 'Kabupaten Lombok Timur',
  safetyNotes: 'Recruiter has her number',
  violenceTypes: ['trafficking' as const],
  incidentNarrative: 'Held in a scam compound',
  perpetratorRelation: 'employer' as const,
};

describe('referred person per service', () => {
  it('the shelter gets name, sex, age and safety notes only', () => {
    expect(referredPersonFor('shelter', everything)).toEqual({
      name: 'Siti',
      sex: 'female',
      ageYears: 16,
      safetyNotes: 'Recruiter has her number',
    });
  });

  it('the police get the NIK and the story; spiritual guidance gets neither', () => {
    expect(referredPersonFor('law-enforcement', everything)).toMatchObject({
      idNumber: '3171234567890123',
      incidentNarrative: 'Held in a scam compound',
    });
    expect(Object.keys(referredPersonFor('spiritual-guidance', everything)).sort()).toEqual(['ageYears', 'name', 'sex']);
  });

  it('names the fields a service may not receive', () => {
    expect(fieldsNotAllowed('shelter', everything).sort()).toEqual([
      'district',
      'idNumber',
      'incidentNarrative',
      'perpetratorRelation',
      'violenceTypes',
    ]);
  });
});

describe('age', () => {
  it('bands follow the national tables; a child is under 18', () => {
    expect([0, 5, 6, 12, 13, 17, 18, 24, 25, 44, 45, 59, 60, 90].map(ageBand)).toEqual([
      '0-5',
      '0-5',
      '6-12',
      '6-12',
      '13-17',
      '13-17',
      '18-24',
      '18-24',
      '25-44',
      '25-44',
      '45-59',
      '45-59',
      '60+',
      '60+',
    ]);
  });

  it('counts whole years from a birth date', () => {
    expect(ageOn('2008-11-24', new Date('2026-11-23T00:00:00Z'))).toBe(17);
    expect(ageOn('2008-11-23', new Date('2026-11-23T00:00:00Z'))).toBe(18);
  });
});
