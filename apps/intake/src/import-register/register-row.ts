import {
  ArrayMinSize,
  ArrayUnique,
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
} from 'class-validator';
import {
  CASE_KINDS,
  COMPLAINT_CHANNELS,
  DISABILITIES,
  EDUCATION_LEVELS,
  INCIDENT_PLACES,
  OCCUPATIONS,
  PERPETRATOR_RELATIONS,
  RISK_LEVELS,
  SEXES,
  VIOLENCE_TYPES,
  type CaseKind,
  type ComplaintChannel,
  type Disability,
  type EducationLevel,
  type IncidentPlace,
  type Occupation,
  type PerpetratorRelation,
  type RiskLevel,
  type Sex,
  type ViolenceType,
} from '@rujukan/contracts';

/**
 * The columns of a past register (docs/import-register.md, template
 * docs/import-register-template.csv), close to SIMFONI-PPA's fields: one row
 * per victim; rows with the same `register_number` are one case and must
 * agree on the case's columns. Lists are separated by `;`.
 */
export const REGISTER_COLUMNS = {
  register_number: 'registerNumber',
  reported_on: 'reportedOn',
  incident_on: 'incidentOn',
  closed_on: 'closedOn',
  channel: 'channel',
  kind: 'kind',
  risk_level: 'riskLevel',
  district: 'district',
  violence_types: 'violenceTypes',
  place: 'place',
  perpetrator_relation: 'perpetratorRelation',
  perpetrator_sex: 'perpetratorSex',
  perpetrator_age: 'perpetratorAge',
  victim_name: 'victimName',
  victim_sex: 'victimSex',
  victim_birth_date: 'victimBirthDate',
  victim_age: 'victimAge',
  victim_district: 'victimDistrict',
  victim_id_number: 'victimIdNumber',
  victim_education: 'victimEducation',
  victim_occupation: 'victimOccupation',
  victim_disabilities: 'victimDisabilities',
  consent_statistics: 'consentStatistics',
} as const;
export type RegisterColumn = keyof typeof REGISTER_COLUMNS;
/** The columns every row must have (the others may be left empty). */
export const REQUIRED_COLUMNS: RegisterColumn[] = [
  'register_number',
  'reported_on',
  'channel',
  'kind',
  'district',
  'violence_types',
  'place',
  'victim_sex',
  'victim_district',
  'consent_statistics',
];
/** The case's columns: every row of one case must give the same values. */
export const CASE_COLUMNS: RegisterColumn[] = [
  'reported_on',
  'incident_on',
  'closed_on',
  'channel',
  'kind',
  'risk_level',
  'district',
  'violence_types',
  'place',
  'perpetrator_relation',
  'perpetrator_sex',
  'perpetrator_age',
];
const LIST_COLUMNS = new Set<RegisterColumn>(['violence_types', 'victim_disabilities']);
const NUMBER_COLUMNS = new Set<RegisterColumn>(['perpetrator_age', 'victim_age']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One row of a register, typed: what class-validator checks. */
export class RegisterRow {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  registerNumber: string;

  @IsISO8601({ strict: true })
  @Matches(DAY, { message: 'reported_on must be a date, YYYY-MM-DD' })
  reportedOn: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: 'incident_on must be a date, YYYY-MM-DD' })
  incidentOn?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: 'closed_on must be a date, YYYY-MM-DD' })
  closedOn?: string;

  @IsIn(COMPLAINT_CHANNELS)
  channel: ComplaintChannel;

  @IsIn(CASE_KINDS)
  kind: CaseKind;

  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskLevel?: RiskLevel;

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  district: string;

  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(VIOLENCE_TYPES, { each: true })
  violenceTypes: ViolenceType[];

  @IsIn(INCIDENT_PLACES)
  place: IncidentPlace;

  @IsOptional()
  @IsIn(PERPETRATOR_RELATIONS)
  perpetratorRelation?: PerpetratorRelation;

  @IsOptional()
  @IsIn(SEXES)
  perpetratorSex?: Sex;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  perpetratorAge?: number;

  /** Left empty where the register kept no name (a case imported de-identified needs none). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  victimName?: string;

  @IsIn(SEXES)
  victimSex: Sex;

  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: 'victim_birth_date must be a date, YYYY-MM-DD' })
  victimBirthDate?: string;

  /** Her age when reported: give this or victim_birth_date. */
  @ValidateIf((r: RegisterRow) => r.victimBirthDate === undefined)
  @IsInt({ message: 'victim_age must be a whole number of years (or give victim_birth_date)' })
  @Min(0)
  @Max(120)
  victimAge?: number;

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  victimDistrict: string;

  @IsOptional()
  @Matches(/^[0-9]{16}$/, { message: 'victim_id_number must be 16 digits (NIK)' })
  victimIdNumber?: string;

  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  victimEducation?: EducationLevel;

  @IsOptional()
  @IsIn(OCCUPATIONS)
  victimOccupation?: Occupation;

  /** Kinds of disability; `none` for none recorded. */
  @IsOptional()
  @ArrayUnique()
  @IsIn([...DISABILITIES, 'none'], { each: true })
  victimDisabilities?: Array<Disability | 'none'>;

  @IsIn(['yes', 'no'], { message: 'consent_statistics must be yes or no (her consent to statistics, as recorded)' })
  consentStatistics: 'yes' | 'no';
}

/** A row's cells as the file gave them, typed for validation: empty cells absent, lists split, numbers read. */
export function typedRow(cells: Record<string, string>): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  for (const [column, property] of Object.entries(REGISTER_COLUMNS) as Array<[RegisterColumn, string]>) {
    const raw = (cells[column] ?? '').trim();
    if (raw === '') continue;
    if (LIST_COLUMNS.has(column))
      typed[property] = raw
        .split(';')
        .map((x) => x.trim())
        .filter(Boolean);
    else if (NUMBER_COLUMNS.has(column)) typed[property] = /^\d+$/.test(raw) ? Number(raw) : raw;
    else typed[property] = raw;
  }
  return typed;
}

/** The column a property of RegisterRow comes from. */
export function columnOf(property: string): string {
  return Object.entries(REGISTER_COLUMNS).find(([, p]) => p === property)?.[0] ?? property;
}
