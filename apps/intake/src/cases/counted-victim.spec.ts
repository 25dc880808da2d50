import { describe, expect, it } from '@jest/globals';
import { countedVictim } from './counted-victim.js';

const victim = {
  statisticsId: '2b1f0c9e-6a57-4c1e-8f43-0e6d2f1c9a10',
  sex: 'female' as const,
  ageYears: 18,
  birthDate: '2008-03-01',
  district: 'Kota Tanjungpinang',
  education: 'senior-secondary' as const,
  occupation: 'household' as const,
  disabilities: ['sensory' as const],
};
// 17 on the day of the incident, 18 when reported.
const incident = new Date('2025-12-31T00:00:00Z');

describe('a victim as case.registered carries her', () => {
  it('with consent: her age now and at the incident, not marked', () => {
    const v = countedVictim({ ...victim, consentStatistics: true }, 1, incident);
    expect(v).toMatchObject({ ageBand: '18-24', child: false, ageBandAtIncident: '13-17', childAtIncident: true, statisticsConsent: true });
    expect(v.dutyOnly).toBeUndefined();
  });

  it('without consent: marked duty-only, her age only as the duty tables count it (at the incident), the tables’ attributes kept', () => {
    const v = countedVictim({ ...victim, consentStatistics: false }, 1, incident);
    expect(v).toMatchObject({
      dutyOnly: true,
      statisticsConsent: false,
      ageBand: '13-17',
      child: true,
      ageBandAtIncident: '13-17',
      childAtIncident: true,
    });
    // What the duty policy's tables read stays, so its figures do not change.
    expect(v).toMatchObject({
      sex: 'female',
      district: 'Kota Tanjungpinang',
      education: 'senior-secondary',
      occupation: 'household',
      disabilities: ['sensory' as const],
    });
    // Without an incident date her age when reported is what every table counts.
    expect(countedVictim({ ...victim, consentStatistics: false }, 1, null)).toMatchObject({
      dutyOnly: true,
      ageBand: '18-24',
      child: false,
    });
  });
});
