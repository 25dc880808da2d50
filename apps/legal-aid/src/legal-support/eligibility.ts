import type { ReferredPerson, ViolenceType } from '@rujukan/contracts';

/**
 * Restitution from the offender: the trafficking law (UU 21/2007 art. 48)
 * and, for sexual violence, UU 12/2022 (TPKS) art. 30. The referral's
 * violence types say which applies.
 */
const RESTITUTION_FOR: readonly ViolenceType[] = ['trafficking', 'sexual'];

export function restitutionProblem(person: ReferredPerson): string | null {
  const types = person.violenceTypes ?? [];
  if (!types.some((t) => RESTITUTION_FOR.includes(t))) {
    return `restitution is claimed for trafficking (UU 21/2007) or sexual violence (UU 12/2022); this referral's violence types are ${types.join(', ') || 'not given'}`;
  }
  return null;
}

/**
 * Diversion (UU 11/2012, SPPA) is for a child in conflict with the law: 12
 * to 17 years old. The referral carries her age, not the offence: whether
 * the offence qualifies (under 7 years' imprisonment, not repeated) is the
 * investigator's, prosecutor's or judge's call, recorded as the result.
 */
export function diversionProblem(person: ReferredPerson): string | null {
  if (person.ageYears === undefined) return 'diversion is for a child in conflict with the law: the referral does not give the age';
  if (person.ageYears < 12 || person.ageYears > 17)
    return `diversion is for a child in conflict with the law (12 to 17 years); the referral gives ${person.ageYears}`;
  return null;
}
