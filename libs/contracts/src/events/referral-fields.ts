import type { ServiceType } from '../domain/vocabulary.js';
import type { ReferredPerson, ReferredPersonField } from './referral.events.js';

/**
 * Minimum necessary data: the only fields of a victim's record that a
 * referral for each service carries. Changing this changes what another
 * agency learns about a victim: the snapshot test makes that a reviewed change.
 */
export const REFERRAL_FIELDS: Readonly<Record<ServiceType, readonly ReferredPersonField[]>> = {
  shelter: ['name', 'sex', 'ageYears', 'safetyNotes', 'requestNotes'],
  health: ['name', 'sex', 'ageYears', 'violenceTypes', 'incidentDate', 'safetyNotes', 'requestNotes'],
  'social-rehabilitation': ['name', 'sex', 'ageYears', 'violenceTypes', 'safetyNotes', 'requestNotes'],
  'spiritual-guidance': ['name', 'sex', 'ageYears', 'requestNotes'],
  'law-enforcement': [
    'name',
    'sex',
    'ageYears',
    'idNumber',
    'violenceTypes',
    'incidentDate',
    'incidentPlace',
    'perpetratorRelation',
    'incidentNarrative',
    'safetyNotes',
    'requestNotes',
  ],
  'legal-aid': [
    'name',
    'sex',
    'ageYears',
    'idNumber',
    'violenceTypes',
    'incidentDate',
    'incidentPlace',
    'perpetratorRelation',
    'incidentNarrative',
    'requestNotes',
  ],
  repatriation: ['name', 'sex', 'ageYears', 'idNumber', 'district', 'safetyNotes', 'requestNotes'],
  'social-reintegration': ['name', 'sex', 'ageYears', 'district', 'requestNotes'],
};

/** Picks the allowed fields for `service` out of everything intake knows. */
export function referredPersonFor(service: ServiceType, everything: ReferredPerson): ReferredPerson {
  const out: ReferredPerson = {};
  for (const field of REFERRAL_FIELDS[service]) {
    const value = everything[field];
    if (value !== undefined && value !== null) (out as Record<string, unknown>)[field] = value;
  }
  return out;
}

/** Fields present in `person` that `service` may not receive. */
export function fieldsNotAllowed(service: ServiceType, person: object): string[] {
  const allowed = new Set<string>(REFERRAL_FIELDS[service]);
  return Object.keys(person).filter((k) => !allowed.has(k) && (person as Record<string, unknown>)[k] !== undefined);
}
