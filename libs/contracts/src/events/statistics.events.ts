import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
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
  AGE_BANDS,
  CASE_KINDS,
  DECLINE_REASON_CODES,
  ACCOMPANIMENT_DESTINATIONS,
  DISABILITIES,
  EDUCATION_LEVELS,
  MEDIATION_OUTCOMES,
  OUTREACH_OUTCOMES,
  UPTD_FUNCTIONS,
  type AccompanimentDestination,
  type MediationOutcome,
  type OutreachOutcome,
  type UptdFunction,
  OCCUPATIONS,
  type Disability,
  type Occupation,
  LEGACY_DECLINE_REASONS,
  type DeclineReasonCode,
  type LegacyDeclineReason,
  type EducationLevel,
  COMPLAINT_CHANNELS,
  INCIDENT_PLACES,
  PERPETRATOR_RELATIONS,
  RISK_LEVELS,
  SERVICE_TYPES,
  SEXES,
  VIOLENCE_TYPES,
  type AgeBand,
  type CaseKind,
  type ComplaintChannel,
  type IncidentPlace,
  type PerpetratorRelation,
  type RiskLevel,
  type ServiceType,
  type Sex,
  type ViolenceType,
} from '../domain/vocabulary.js';
import { REFERRAL_STATES, type ReferralState } from '../referral-state.js';

/**
 * Broadcast, de-identified events: what reporting reads. No name, birth date,
 * address, ID number or narrative can be written here: the classes have no
 * such fields and producers may not add any.
 */
export class CountedVictim {
  /** Random id: counts a victim once across events, identifies nobody. */
  @IsUUID()
  victimId: string;

  @IsIn(SEXES)
  sex: Sex;

  @IsIn(AGE_BANDS)
  ageBand: AgeBand;

  /** Added compatibly (absent: not known). */
  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  education?: EducationLevel;

  /** Added compatibly (absent: not known). */
  @IsOptional()
  @IsIn(OCCUPATIONS)
  occupation?: Occupation;

  /** Kinds of disability; [] none; added compatibly (absent: not asked). */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(DISABILITIES, { each: true })
  disabilities?: Disability[];

  /**
   * Her consent to statistical reporting. Added compatibly (absent: true, as
   * older producers sent consenting victims only). Reporting's counting
   * policy decides whether a victim without it is counted.
   */
  @IsOptional()
  @IsBoolean()
  statisticsConsent?: boolean;

  /**
   * She refused consent to statistics: intake sent only what the `duty`
   * policy counts (the tables' attributes; her age group and childhood
   * only as on the day of the incident, where that is known), and she is
   * counted under `duty` only, whatever `statisticsConsent` says. Added
   * compatibly (absent: false).
   */
  @IsOptional()
  @IsBoolean()
  dutyOnly?: boolean;

  /**
   * Her statistics sequence: intake numbers each victim's statistics-relevant
   * events 1, 2, 3... in commit order (design.md section 9), and reporting
   * keeps the statement with the highest, whatever order they arrive in.
   * Added compatibly (absent: an older producer, applied as it arrives).
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence?: number;

  @IsBoolean()
  child: boolean;

  /**
   * Her age group and whether she was a child on the day of the incident,
   * where the incident date and her birth date are known: the tables' age
   * groups. Added compatibly (absent: ageBand and child, her age when reported).
   */
  @IsOptional()
  @IsIn(AGE_BANDS)
  ageBandAtIncident?: AgeBand;

  @IsOptional()
  @IsBoolean()
  childAtIncident?: boolean;

  /** District (kabupaten/kota) of residence. */
  @IsString()
  @MaxLength(100)
  district: string;
}

/** A perpetrator as statistics count them: no name, no identity. */
export class CountedPerpetrator {
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex;

  @IsOptional()
  @IsIn(AGE_BANDS)
  ageBand?: AgeBand;

  /** A child perpetrator (ABH) is counted apart from child victims. */
  @IsBoolean()
  child: boolean;

  @IsIn(PERPETRATOR_RELATIONS)
  relation: PerpetratorRelation;
}

export class CaseRegisteredV1 {
  @IsIn(CASE_KINDS)
  kind: CaseKind;

  @IsIn(COMPLAINT_CHANNELS)
  channel: ComplaintChannel;

  /** Month of registration in the node's time zone, YYYY-MM. */
  @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])$/)
  month: string;

  /** Month the incident happened, YYYY-MM, where known (the day is never sent). Added compatibly (absent: not known). */
  @IsOptional()
  @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])$/)
  incidentMonth?: string;

  @IsString()
  @MaxLength(100)
  district: string;

  @IsArray()
  @ArrayUnique()
  @IsIn(VIOLENCE_TYPES, { each: true })
  violenceTypes: ViolenceType[];

  @IsIn(INCIDENT_PLACES)
  place: IncidentPlace;

  @IsOptional()
  @IsIn(PERPETRATOR_RELATIONS)
  perpetratorRelation?: PerpetratorRelation;

  /** Every victim, de-identified, with her consent to statistics (older producers: consenting victims only). */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CountedVictim)
  victims: CountedVictim[];

  /** Added in a compatible way: older producers send none. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CountedPerpetrator)
  perpetrators?: CountedPerpetrator[];
}

export class ReferralStatusChangedV1 {
  @IsUUID()
  referralId: string;

  @IsIn(SERVICE_TYPES)
  service: ServiceType;

  @IsIn(REFERRAL_STATES)
  status: ReferralState;

  /** The agency asked (public, in the directory): referral performance per agency. Added compatibly. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agencyId?: string;

  /**
   * Why it was declined, as one of the two categories older reporting nodes
   * know (no-capacity, other); the code itself is `declineCode`.
   */
  @IsOptional()
  @IsIn(LEGACY_DECLINE_REASONS)
  declineReason?: LegacyDeclineReason;

  /** Why it was declined, as the agency's code (staff's own words stay at intake). Added compatibly (absent: see declineReason). */
  @IsOptional()
  @IsIn(DECLINE_REASON_CODES)
  declineCode?: DeclineReasonCode;
}

/** Case, consent and referral-status facts are intake's: reporting counts them from intake agencies only. */
const FROM_INTAKE = { senders: ['intake'] } as const;

/** A case's first response was not given by its deadline (triage performance). */
export class FirstResponseOverdueV1 {
  @IsIn(RISK_LEVELS)
  riskLevel: RiskLevel;
}

export const FirstResponseOverdue = defineEvent({
  area: 'case',
  event: 'first-response-overdue',
  version: 1,
  payload: FirstResponseOverdueV1,
  receipt: false,
  ...FROM_INTAKE,
});

/**
 * A case's first response was recorded (added compatibly: older producers
 * send none), and whether it came by its triage deadline: the SPM
 * complaint-handling numerator. No time is sent, only the verdict on it.
 */
export class FirstResponseRecordedV1 {
  @IsIn(RISK_LEVELS)
  riskLevel: RiskLevel;

  /** Recorded at or before the case's first-response deadline. */
  @IsBoolean()
  withinDeadline: boolean;
}

export const FirstResponseRecorded = defineEvent({
  area: 'case',
  event: 'first-response-recorded',
  version: 1,
  payload: FirstResponseRecordedV1,
  receipt: false,
  ...FROM_INTAKE,
});

/** A victim withdrew consent to statistical reporting: reporting stops counting her. */
export class StatisticsConsentWithdrawnV1 {
  @IsUUID()
  victimId: string;

  /**
   * Her statistics sequence: intake numbers each victim's statistics-relevant
   * events 1, 2, 3... in commit order (design.md section 9), and reporting
   * keeps the statement with the highest, whatever order they arrive in.
   * Added compatibly (absent: an older producer, applied as it arrives).
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence?: number;
}

export const StatisticsConsentWithdrawn = defineEvent({
  area: 'victim',
  event: 'statistics-consent-withdrawn',
  version: 1,
  payload: StatisticsConsentWithdrawnV1,
  receipt: false,
  ...FROM_INTAKE,
});

/** A victim gave (again) consent to statistical reporting: under the consent policy she is counted again. */
export class StatisticsConsentGivenV1 {
  @IsUUID()
  victimId: string;

  /**
   * Her statistics sequence: intake numbers each victim's statistics-relevant
   * events 1, 2, 3... in commit order (design.md section 9), and reporting
   * keeps the statement with the highest, whatever order they arrive in.
   * Added compatibly (absent: an older producer, applied as it arrives).
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence?: number;
}

export const StatisticsConsentGiven = defineEvent({
  area: 'victim',
  event: 'statistics-consent-given',
  version: 1,
  payload: StatisticsConsentGivenV1,
  receipt: false,
  ...FROM_INTAKE,
});

export const CaseRegistered = defineEvent({
  area: 'case',
  event: 'registered',
  version: 1,
  payload: CaseRegisteredV1,
  receipt: false,
  ...FROM_INTAKE,
});
export const ReferralStatusChanged = defineEvent({
  area: 'referral',
  event: 'status-changed',
  version: 1,
  payload: ReferralStatusChangedV1,
  receipt: false,
  ...FROM_INTAKE,
});

/**
 * One of the UPTD PPA's own functions recorded (an outreach visit, a
 * mediation session, an accompaniment), de-identified: the function, its
 * outcome or destination, the month and district, and (mediation and
 * accompaniment) the victim's pseudonym, so the consent policy can leave out
 * a victim who refused statistics. Nothing names a place, a party or a person.
 */
export class UptdFunctionRecordedV1 {
  /** Fresh id of the record: a redelivery or a replay counts once. */
  @IsUUID()
  recordId: string;

  @IsIn(UPTD_FUNCTIONS)
  function: UptdFunction;

  /** An outreach visit's or a mediation's outcome. */
  @IsOptional()
  @IsIn([...OUTREACH_OUTCOMES, ...MEDIATION_OUTCOMES])
  outcome?: OutreachOutcome | MediationOutcome;

  /** Where an accompaniment went. */
  @IsOptional()
  @IsIn(ACCOMPANIMENT_DESTINATIONS)
  destination?: AccompanimentDestination;

  /** Intake's pseudonymous victim id (mediation, accompaniment). */
  @IsOptional()
  @IsUUID()
  victimId?: string;

  /** Month it happened in the node's time zone, YYYY-MM. */
  @Matches(/^[0-9]{4}-(0[1-9]|1[0-2])$/)
  month: string;

  /** District (kabupaten/kota) where it happened (outreach) or of the case. */
  @IsString()
  @MaxLength(100)
  district: string;
}

export const UptdFunctionRecorded = defineEvent({
  area: 'uptd',
  event: 'function-recorded',
  version: 1,
  payload: UptdFunctionRecordedV1,
  receipt: false,
  ...FROM_INTAKE,
});
