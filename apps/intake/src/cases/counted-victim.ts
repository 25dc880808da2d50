import { ageBand, ageOn, type CountedVictim } from '@rujukan/contracts';
import type { Victim } from './victim.entity.js';

/**
 * A victim as `case.registered` carries her to reporting, de-identified:
 * her pseudonym and statistics sequence, age group now and on the day of the
 * incident (where both dates are known), district, consent to statistics and
 * the breakdowns' attributes. A victim who refused statistics is marked
 * `dutyOnly` and sent with only what the duty policy counts (docs/reporting.md).
 * One function for a registration and an import.
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
  // Refused statistics: only what the duty policy counts. Its tables take the age at the incident where known,
  // so her age now is not sent then (the two age fields carry the same group).
  const dutyOnly = !v.consentStatistics;
  const ageNow = dutyOnly && atIncident !== undefined ? atIncident : v.ageYears;
  return {
    victimId: v.statisticsId!,
    sequence,
    sex: v.sex,
    ageBand: ageBand(ageNow),
    child: ageNow < 18,
    ageBandAtIncident: atIncident === undefined ? undefined : ageBand(atIncident),
    childAtIncident: atIncident === undefined ? undefined : atIncident < 18,
    district: v.district,
    statisticsConsent: v.consentStatistics,
    dutyOnly: dutyOnly || undefined,
    education: v.education ?? undefined,
    occupation: v.occupation ?? undefined,
    disabilities: v.disabilities ?? undefined,
  };
}
