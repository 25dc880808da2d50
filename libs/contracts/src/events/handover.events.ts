import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
  CASE_KINDS,
  COMPLAINT_CHANNELS,
  CONSENT_FORMS,
  CONSENT_PURPOSES,
  DISABILITIES,
  EDUCATION_LEVELS,
  OCCUPATIONS,
  type Disability,
  type Occupation,
  EXPLOITATION_TYPES,
  INCIDENT_PLACES,
  PERPETRATOR_RELATIONS,
  REPORTER_RELATIONS,
  RISK_LEVELS,
  SERVICE_TYPES,
  SEXES,
  TRAFFICKING_STAGES,
  VIOLENCE_TYPES,
  type CaseKind,
  type ComplaintChannel,
  type ConsentForm,
  type ConsentPurpose,
  type EducationLevel,
  type ExploitationType,
  type IncidentPlace,
  type PerpetratorRelation,
  type ReporterRelation,
  type RiskLevel,
  type ServiceType,
  type Sex,
  type TraffickingStage,
  type ViolenceType,
} from '../domain/vocabulary.js';
import { REFERRAL_STATES, type ReferralState } from '../referral-state.js';
import { ActorV1 } from './referral.events.js';

/**
 * Hand-over of a whole case to another region's UPTD PPA (dilimpahkan).
 * Unlike a referral, case management itself moves: the receiving intake node
 * needs the case as the sender holds it, so this event carries identity.
 * It is addressed to one intake agency only, and intake sends it only with
 * the victims' consent to disclosure on record (or a supervisor's recorded
 * override). Ownership moves when the receiver accepts; until then the sender
 * keeps the case.
 */
export class HandedOverConsent {
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  @IsOptional()
  @IsIn(SERVICE_TYPES)
  service?: ServiceType;

  @IsIn(CONSENT_FORMS)
  givenAs: ConsentForm;

  @IsISO8601({ strict: true })
  recordedAt: string;
}

export class HandedOverVictim {
  /** The pseudonymous id reporting already counts her under: kept, so she is not counted twice. */
  @IsUUID()
  statisticsId: string;

  /**
   * The last statistics sequence the sender gave her: the receiver numbers
   * her later consent changes above it, so reporting orders them after the
   * sender's. Added compatibly (absent: the receiver starts from 1).
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  statisticsSequence?: number;

  /**
   * The sender's id for her: the receiver keeps it, so the sender's erasure
   * of her (erasure.handover-requested) finds her there. Added compatibly
   * (absent: a hand-over from an older node, which an erasure cannot reach).
   */
  @IsOptional()
  @IsUUID()
  senderVictimId?: string;

  @IsString()
  @MaxLength(200)
  name: string;

  @IsIn(SEXES)
  sex: Sex;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  birthDate?: string;

  @IsInt()
  @Min(0)
  @Max(120)
  ageYears: number;

  @IsString()
  @MaxLength(100)
  district: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @IsOptional()
  @Matches(/^[0-9]{16}$/)
  idNumber?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  safetyNotes?: string;

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

  /** Consents still in force at the sender, with how and when they were given. */
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => HandedOverConsent)
  consents: HandedOverConsent[];
}

export class HandedOverPerpetrator {
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

  @IsIn(PERPETRATOR_RELATIONS)
  relation: PerpetratorRelation;
}

export class HandedOverStage {
  @IsIn(TRAFFICKING_STAGES)
  stage: TraffickingStage;

  @IsString()
  @MaxLength(200)
  place: string;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  country?: string;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date?: string;

  @IsOptional()
  @IsIn(EXPLOITATION_TYPES)
  exploitationType?: ExploitationType;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

/** A referral the sender made: what was already arranged, so it is not asked for twice. */
export class HandedOverReferral {
  @IsIn(SERVICE_TYPES)
  service: ServiceType;

  @IsString()
  @MaxLength(100)
  agencyId: string;

  @IsIn(REFERRAL_STATES)
  state: ReferralState;

  /** Index into `victims`. */
  @IsInt()
  @Min(0)
  victim: number;
}

export class HandedOverIncident {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(VIOLENCE_TYPES, { each: true })
  violenceTypes: ViolenceType[];

  @IsIn(INCIDENT_PLACES)
  place: IncidentPlace;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date?: string;

  @IsOptional()
  @IsIn(PERPETRATOR_RELATIONS)
  perpetratorRelation?: PerpetratorRelation;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  narrative?: string;
}

/** Who reported: the relation only; a reporter's name and phone stay with the unit she called. */
export class HandedOverReporter {
  @IsIn(REPORTER_RELATIONS)
  relation: ReporterRelation;

  @IsBoolean()
  anonymous: boolean;
}

export class CaseHandoverRequestedV1 {
  @IsUUID()
  handoverId: string;

  /** Why the case moves (e.g. the victim lives in the receiver's region). */
  @IsString()
  @MaxLength(1000)
  reason: string;

  /** Set when a supervisor handed over without every victim's consent to disclosure (audited at the sender). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  disclosureOverrideReason?: string;

  @IsIn(CASE_KINDS)
  kind: CaseKind;

  @IsIn(COMPLAINT_CHANNELS)
  channel: ComplaintChannel;

  @IsIn(RISK_LEVELS)
  riskLevel: RiskLevel;

  /** Where the sender registered it. */
  @IsString()
  @MaxLength(100)
  district: string;

  @IsISO8601({ strict: true })
  registeredAt: string;

  /** The case's pseudonymous id in reporting: the receiver reports under it, so the case is counted once. */
  @IsUUID()
  statisticsCaseId: string;

  @ValidateNested()
  @Type(() => HandedOverIncident)
  incident: HandedOverIncident;

  @IsOptional()
  @ValidateNested()
  @Type(() => HandedOverReporter)
  reporter?: HandedOverReporter;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => HandedOverVictim)
  victims: HandedOverVictim[];

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => HandedOverPerpetrator)
  perpetrators: HandedOverPerpetrator[];

  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => HandedOverStage)
  traffickingStages: HandedOverStage[];

  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => HandedOverReferral)
  referrals: HandedOverReferral[];

  @ValidateNested()
  @Type(() => ActorV1)
  actor: ActorV1;
}

export class CaseHandoverAnsweredV1 {
  @IsUUID()
  handoverId: string;

  @ValidateNested()
  @Type(() => ActorV1)
  actor: ActorV1;
}

export class CaseHandoverDeclinedV1 extends CaseHandoverAnsweredV1 {
  @IsString()
  @MaxLength(500)
  reason: string;
}

/** A case moves only from one UPTD PPA to another: intake agencies on both ends. */
const BETWEEN_INTAKES = { senders: ['intake'], receivers: ['intake'] } as const;

export const CaseHandoverRequested = defineEvent({
  area: 'case',
  event: 'handover-requested',
  version: 1,
  payload: CaseHandoverRequestedV1,
  ...BETWEEN_INTAKES,
  // The whole case: everything but the hand-over's id, kind, channel, risk and the referrals' states.
  sealed: [
    'reason',
    'disclosureOverrideReason',
    'district',
    'registeredAt',
    'incident',
    'reporter',
    'victims',
    'perpetrators',
    'traffickingStages',
  ],
});
export const CaseHandoverAccepted = defineEvent({
  area: 'case',
  event: 'handover-accepted',
  version: 1,
  payload: CaseHandoverAnsweredV1,
  ...BETWEEN_INTAKES,
});
export const CaseHandoverDeclined = defineEvent({
  area: 'case',
  event: 'handover-declined',
  version: 1,
  payload: CaseHandoverDeclinedV1,
  ...BETWEEN_INTAKES,
  // The receiving unit's own words (e.g. where she lives now).
  sealed: ['reason'],
});
