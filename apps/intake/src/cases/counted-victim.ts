import { ageBand, ageOn, type CountedVictim } from '@rujukan/contracts';
import type { Victim } from './victim.entity.js';

/**
 * A victim as `case.registered` carries her to reporting, de-identified:
 * her pseudonym and statistics sequence, age group now and on the day of the
 * incident (where both dates are known), district, consent to statistics and
 * the breakdowns' attributes. One function for a registration and an import.
 */
export function countedVictim(
  v: Pick<
    Victim,
    'statisticsId' | 'sex' | 'ageYears' | 'birthDate' | 'district' | 'consentStatistics' | 'education' | 'occupation' | 'disabilities'
  >,
  sequence: number,
  incidentDay: Date | null,
): CountedVictim {
  const atIncident = incidentDay && v.birthDate ? ageOn(v.birthDate, incidentDay) : undefined;
  return {
    victimId: v.statisticsId!,
    sequence,
    sex: v.sex,
    ageBand: ageBand(v.ageYears),
    child: v.ageYears < 18,
    ageBandAtIncident: atIncident === undefined ? undefined : ageBand(atIncident),
    childAtIncident: atIncident === undefined ? undefined : atIncident < 18,
    district: v.district,
    statisticsConsent: v.consentStatistics,
    education: v.education ?? undefined,
    occupation: v.occupation ?? undefined,
    disabilities: v.disabilities ?? undefined,
  };
}
