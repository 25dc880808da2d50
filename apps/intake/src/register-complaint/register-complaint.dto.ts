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
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CASE_KINDS,
  COMPLAINT_CHANNELS,
  INCIDENT_PLACES,
  EXPLOITATION_TYPES,
  PERPETRATOR_RELATIONS,
  REPORTER_RELATIONS,
  TRAFFICKING_STAGES,
  RISK_LEVELS,
  SEXES,
  VIOLENCE_TYPES,
  type CaseKind,
  type ComplaintChannel,
  type IncidentPlace,
  type ExploitationType,
  type PerpetratorRelation,
  type ReporterRelation,
  type TraffickingStage as TraffickingStageName,
  type RiskLevel,
  type Sex,
  type ViolenceType,
  EDUCATION_LEVELS,
  type EducationLevel,
  DISABILITIES,
  OCCUPATIONS,
  type Disability,
  type Occupation,
  HandedOverPerpetrator,
} from '@rujukan/contracts';
import { CONSENT_FORMS, type ConsentForm } from '../consent/consent-record.entity.js';
import { ApiProperty } from '@nestjs/swagger';

export class ConsentInput {
  /** Consent to be referred to services. */
  @IsBoolean()
  services: boolean;

  /** Separate consent to be counted (de-identified) in statistics. */
  @IsBoolean()
  statistics: boolean;

  /** How it was given (default verbal); a guardian gives it for a child. */
  @IsOptional()
  @IsIn(CONSENT_FORMS)
  givenAs?: ConsentForm;
}

export class VictimInput {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @ApiProperty({ example: 'Siti Aminah' })
  name: string;

  @IsIn(SEXES)
  sex: Sex;

  /** YYYY-MM-DD; give this or ageYears. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  birthDate?: string;

  @ValidateIf((v: VictimInput) => v.birthDate === undefined)
  @IsInt()
  @Min(0)
  @Max(120)
  ageYears?: number;

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @ApiProperty({ example: 'Kabupaten Lombok Timur' })
  district: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @ApiProperty({ example: 'Desa Sakra, Kecamatan Sakra' })
  address?: string;

  /** NIK, 16 digits, if known. */
  @IsOptional()
  @Matches(/^[0-9]{16}$/, { message: 'idNumber must be 16 digits (NIK)' })
  idNumber?: string;

  /** Highest schooling (for the national tables). */
  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  education?: EducationLevel;

  /** Her occupation (for the national tables). */
  @IsOptional()
  @IsIn(OCCUPATIONS)
  occupation?: Occupation;

  /** Kinds of disability she has: [] none; leave out when not asked. */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(DISABILITIES, { each: true })
  disabilities?: Disability[];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiProperty({ example: 'Jangan menelepon ke rumah: pelaku tinggal serumah.' })
  safetyNotes?: string;

  @ValidateNested()
  @Type(() => ConsentInput)
  consent: ConsentInput;
}

export class IncidentInput {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(VIOLENCE_TYPES, { each: true })
  violenceTypes: ViolenceType[];

  @IsIn(INCIDENT_PLACES)
  place: IncidentPlace;

  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date?: string;

  @IsOptional()
  @IsIn(PERPETRATOR_RELATIONS)
  perpetratorRelation?: PerpetratorRelation;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @ApiProperty({ example: 'Korban dijanjikan pekerjaan di restoran, lalu dipaksa bekerja di lokasi penipuan daring tanpa upah.' })
  narrative?: string;
}

export class ReporterInput {
  @IsIn(REPORTER_RELATIONS)
  relation: ReporterRelation;

  /** An anonymous reporter gives no name and no phone. */
  @IsBoolean()
  anonymous: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiProperty({ example: 'Ibu Ratna (tetangga)' })
  name?: string;

  @IsOptional()
  @Matches(/^\+?[0-9 -]{6,20}$/, { message: 'phone must be a phone number' })
  phone?: string;
}

/** A perpetrator's rules are the hand-over contract's: one set, whichever way a case opens (cases/perpetrator.ts). */
export class PerpetratorInput extends HandedOverPerpetrator {}

export class TraffickingStageInput {
  @IsIn(TRAFFICKING_STAGES)
  stage: TraffickingStageName;

  /** Town, port or compound, e.g. "Pelabuhan Sri Bintan Pura, Tanjungpinang". */
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @ApiProperty({ example: 'Pelabuhan Sri Bintan Pura, Tanjungpinang' })
  place: string;

  /** ISO 3166 alpha-2, e.g. MY, KH. */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO code' })
  country?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date?: string;

  /** For the exploitation stage; forced criminality covers scam compounds. */
  @ValidateIf((s: TraffickingStageInput) => s.stage === 'exploitation')
  @IsIn(EXPLOITATION_TYPES)
  exploitationType?: ExploitationType;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiProperty({ example: 'Paspor korban ditahan oleh perekrut.' })
  notes?: string;
}

export class RegisterComplaintBody {
  @IsIn(COMPLAINT_CHANNELS)
  channel: ComplaintChannel;

  @IsIn(CASE_KINDS)
  kind: CaseKind;

  @IsIn(RISK_LEVELS)
  riskLevel: RiskLevel;

  /** District (kabupaten/kota) where the case is handled. */
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @ApiProperty({ example: 'Kota Tanjungpinang' })
  district: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => VictimInput)
  victims: VictimInput[];

  @ValidateNested()
  @Type(() => IncidentInput)
  incident: IncidentInput;

  /** Who brought the complaint, if not the victim (may be anonymous). */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReporterInput)
  reporter?: ReporterInput;

  /** Trafficking cases: recruitment, transit and exploitation, each with place and date. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TraffickingStageInput)
  traffickingStages?: TraffickingStageInput[];

  /** Several perpetrators; a child among them is a child in conflict with the law. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PerpetratorInput)
  perpetrators?: PerpetratorInput[];
}
