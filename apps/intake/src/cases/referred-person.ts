import { referredPersonFor, type ReferredPerson, type ServiceType } from '@rujukan/contracts';
import type { CaseFile } from './case.entity.js';
import type { Victim } from './victim.entity.js';

/**
 * What an agency asked for `service` may learn about her (REFERRAL_FIELDS,
 * minimum necessary data), out of everything intake knows: the one picking
 * for a node's referral event and for an outside agency's letter.
 */
export function personReferredFor(
  service: ServiceType,
  victim: Victim,
  caseFile: CaseFile,
  requestNotes: string | null | undefined,
): ReferredPerson {
  return referredPersonFor(service, {
    name: victim.name,
    sex: victim.sex,
    ageYears: victim.ageYears,
    idNumber: victim.idNumber ?? undefined,
    district: victim.district,
    safetyNotes: victim.safetyNotes ?? undefined,
    violenceTypes: caseFile.violenceTypes,
    incidentDate: caseFile.incidentDate ?? undefined,
    incidentPlace: caseFile.incidentPlace,
    perpetratorRelation: caseFile.perpetratorRelation ?? undefined,
    incidentNarrative: caseFile.incidentNarrative ?? undefined,
    requestNotes: requestNotes ?? undefined,
  });
}
