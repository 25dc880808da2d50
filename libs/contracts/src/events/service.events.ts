import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { defineEvent } from '../define-event.js';
import {
  ACTIVITY_OUTCOMES,
  SERVICE_ACTIVITY_NAMES,
  SERVICE_PROVIDERS,
  SERVICE_ROLES,
  SERVICE_TYPES,
  SPM_INDICATORS,
  type ActivityOutcome,
  type ServiceActivity,
  type ServiceType,
  type SpmIndicator,
} from '../domain/vocabulary.js';

/**
 * Broadcast by a service node of an older release when it records a service (an examination, a
 * counselling session, a verdict): de-identified, for reporting's SPM
 * indicators. The envelope's caseId is intake's pseudonymous case id, which
 * the referral carried; nothing here names or locates anyone.
 */
export class ServiceRecordedV1 {
  /** The record's own id: a redelivery or a replay counts once. */
  @IsUUID()
  recordId: string;

  /** The referral's pseudonymous id (as in referral.status-changed). */
  @IsOptional()
  @IsUUID()
  referralId?: string;

  /** Intake's pseudonymous victim id: coverage counts victims, each once. */
  @IsUUID()
  victimId: string;

  @IsIn(SERVICE_TYPES)
  service: ServiceType;

  @IsIn(SERVICE_ACTIVITY_NAMES)
  activity: ServiceActivity;

  /** SERVICE_ACTIVITIES[activity]; consumers check the two agree. */
  @IsOptional()
  @IsIn(SPM_INDICATORS)
  indicator?: SpmIndicator;

  @IsOptional()
  @IsIn(ACTIVITY_OUTCOMES)
  outcome?: ActivityOutcome;

  /** Month it happened in the node's time zone, YYYY-MM. */
  @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])$/)
  month: string;

  /** The agency that gave the service (its id is public, in the directory). */
  @IsString()
  @MaxLength(100)
  agencyId: string;
}

export const ServiceRecorded = defineEvent({
  area: 'service',
  event: 'recorded',
  version: 1,
  payload: ServiceRecordedV1,
  receipt: false,
  senders: SERVICE_ROLES,
  senderProblem: (p, sender) => serviceSenderProblem(p, sender),
});

/**
 * A service this agency gave under a referral, told to the intake agency
 * that referred her (addressed, receipted): the referral's own id and the
 * service fact, no pseudonym. Intake alone maps the referral to her reporting
 * pseudonyms and broadcasts it as `service.recorded` v2 in its shuffled,
 * sealed batches, so neither this agency nor the bus can join reporting's
 * rows to the named referral (docs/security.md).
 */
export class ServiceProvidedV1 {
  /** The record's own id: intake's broadcast and reporting count it once. */
  @IsUUID()
  recordId: string;

  /** The referral's id, as in referral.requested. */
  @IsUUID()
  referralId: string;

  @IsIn(SERVICE_TYPES)
  service: ServiceType;

  @IsIn(SERVICE_ACTIVITY_NAMES)
  activity: ServiceActivity;

  /** SERVICE_ACTIVITIES[activity]; consumers check the two agree. */
  @IsOptional()
  @IsIn(SPM_INDICATORS)
  indicator?: SpmIndicator;

  @IsOptional()
  @IsIn(ACTIVITY_OUTCOMES)
  outcome?: ActivityOutcome;

  /** Month it happened in the node's time zone, YYYY-MM. */
  @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])$/)
  month: string;

  /** The agency that gave the service (its id is public, in the directory). */
  @IsString()
  @MaxLength(100)
  agencyId: string;
}

/** A service fact counts only from an agency of that service, in its own name. */
function serviceSenderProblem(p: { service: ServiceType; agencyId: string }, sender: { agency: string; role: string }): string | null {
  if (SERVICE_PROVIDERS[p.service] !== sender.role) return `${sender.agency} (role ${sender.role}) does not give ${p.service}`;
  if (p.agencyId !== sender.agency) return `${sender.agency} may record only its own services, not ${p.agencyId}'s`;
  return null;
}

export const ServiceProvided = defineEvent({
  area: 'service',
  event: 'provided',
  version: 1,
  payload: ServiceProvidedV1,
  senders: SERVICE_ROLES,
  receivers: ['intake'],
  senderProblem: serviceSenderProblem,
});

/**
 * `service.recorded` as intake broadcasts it for the agency that gave the
 * service (told by `service.provided`): the same fields, with intake's
 * pseudonymous ids, which no service agency holds. Intake checked the
 * service against its sender's role before it broadcast it.
 */
export class ServiceRecordedV2 extends ServiceRecordedV1 {}

export const ServiceRecordedByIntake = defineEvent({
  area: 'service',
  event: 'recorded',
  version: 2,
  payload: ServiceRecordedV2,
  receipt: false,
  senders: ['intake'],
});
