import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../define-event.js';
import {
  DECLINE_REASON_CODES,
  SERVICE_ROLES,
  INCIDENT_PLACES,
  PERPETRATOR_RELATIONS,
  SERVICE_TYPES,
  SEXES,
  STAFF_ROLES,
  VIOLENCE_TYPES,
  type DeclineReasonCode,
  type IncidentPlace,
  type PerpetratorRelation,
  type ServiceType,
  type Sex,
  type StaffRole,
  type ViolenceType,
} from '../domain/vocabulary.js';

/**
 * What a receiving agency may learn about the person it is asked to serve.
 * Every field is optional here; which ones a referral carries is decided per
 * service by REFERRAL_FIELDS (minimum necessary data), and a producer cannot
 * add any other.
 */
export class ReferredPerson {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  ageYears?: number;

  /** National ID (NIK), only for services that must file it (police, BP3MI). */
  @IsOptional()
  @Matches(/^[0-9]{16}$/)
  idNumber?: string;

  /** District (kabupaten/kota) of origin, for repatriation. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  safetyNotes?: string;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(VIOLENCE_TYPES, { each: true })
  violenceTypes?: ViolenceType[];

  @IsOptional()
  @IsISO8601({ strict: true })
  incidentDate?: string;

  @IsOptional()
  @IsIn(INCIDENT_PLACES)
  incidentPlace?: IncidentPlace;

  @IsOptional()
  @IsIn(PERPETRATOR_RELATIONS)
  perpetratorRelation?: PerpetratorRelation;

  /** The incident narrative: only for law enforcement and legal aid. */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  incidentNarrative?: string;

  /** What the case worker asks the agency to do. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  requestNotes?: string;
}

export type ReferredPersonField = keyof ReferredPerson;

/** The staff member who acted, for the other side's record: an id and a role, never a name. */
export class ActorV1 {
  @IsString()
  @MaxLength(100)
  staffId: string;

  @IsIn(STAFF_ROLES)
  role: StaffRole;
}

/** Intake's pseudonymous ids for the case, victim and referral: what the agency's de-identified service events name. */
export class StatisticsIdsV1 {
  @IsUUID()
  caseId: string;

  @IsUUID()
  victimId: string;

  @IsUUID()
  referralId: string;
}

/** Intake asks one agency for one SPM service for one victim. */
export class ReferralRequestedV1 {
  @IsUUID()
  referralId: string;

  @IsIn(SERVICE_TYPES)
  service: ServiceType;

  /** Set by a supervisor who referred without consent on record (audited at intake). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  consentOverrideReason?: string;

  @ValidateNested()
  @Type(() => ReferredPerson)
  person: ReferredPerson;

  /** Added compatibly: lets the agency report its services without knowing who the victim is to reporting. */
  @IsOptional()
  @ValidateNested()
  @Type(() => StatisticsIdsV1)
  statistics?: StatisticsIdsV1;

  @IsOptional()
  @ValidateNested()
  @Type(() => ActorV1)
  actor?: ActorV1;
}

export class ReferralRefV1 {
  @IsUUID()
  referralId: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ActorV1)
  actor?: ActorV1;
}

export class ReferralDeclinedV1 extends ReferralRefV1 {
  /** The agency's note, its own words. */
  @IsString()
  @MaxLength(500)
  reason: string;

  /** Why, as a code reporting counts by. Added compatibly (absent: an older agency; intake reads the note as before). */
  @IsOptional()
  @IsIn(DECLINE_REASON_CODES)
  code?: DeclineReasonCode;
}

export class ReferralCompletedV1 extends ReferralRefV1 {
  /** The provider's note on what was delivered. */
  @IsString()
  @MaxLength(2000)
  note: string;
}

export class ReferralRevokedV1 extends ReferralRefV1 {
  @IsString()
  @MaxLength(500)
  reason: string;
}

/** Referrals and revocations come from intake to a service agency; answers from a service agency to intake. */
const FROM_INTAKE = { senders: ['intake'], receivers: SERVICE_ROLES } as const;
/** Intake also checks that an answer comes from the agency the referral was sent to. */
const ANSWER = { senders: SERVICE_ROLES, receivers: ['intake'] } as const;

export const ReferralRequested = defineEvent({
  area: 'referral',
  event: 'requested',
  version: 1,
  payload: ReferralRequestedV1,
  ...FROM_INTAKE,
  // The person (name, NIK, safety and request notes, the incident story) and an override's free text.
  sealed: ['person', 'consentOverrideReason'],
});
export const ReferralAccepted = defineEvent({ area: 'referral', event: 'accepted', version: 1, payload: ReferralRefV1, ...ANSWER });
// Staff's own words (a decline's reason, a completion's note, a revocation's reason) can name or locate her: sealed.
// The codes reporting counts by stay visible.
export const ReferralDeclined = defineEvent({
  area: 'referral',
  event: 'declined',
  version: 1,
  payload: ReferralDeclinedV1,
  ...ANSWER,
  sealed: ['reason'],
});
export const ReferralCompleted = defineEvent({
  area: 'referral',
  event: 'completed',
  version: 1,
  payload: ReferralCompletedV1,
  ...ANSWER,
  sealed: ['note'],
});
export const ReferralRevoked = defineEvent({
  area: 'referral',
  event: 'revoked',
  version: 1,
  payload: ReferralRevokedV1,
  ...FROM_INTAKE,
  sealed: ['reason'],
});
