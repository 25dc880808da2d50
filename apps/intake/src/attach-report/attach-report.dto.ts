import { Type } from 'class-transformer';
import {
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
import { COMPLAINT_CHANNELS, SEXES, type ComplaintChannel, type Sex } from '@rujukan/contracts';
import { ReporterInput } from '../register-complaint/register-complaint.dto.js';

/** The person the new report is about, as reported: matched to a victim of the case as duplicates are. */
export class ReportedPersonInput {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsIn(SEXES)
  sex: Sex;

  /** YYYY-MM-DD; give this or ageYears. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  birthDate?: string;

  @ValidateIf((v: ReportedPersonInput) => v.birthDate === undefined)
  @IsInt()
  @Min(0)
  @Max(120)
  ageYears?: number;

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  district: string;

  /** NIK, 16 digits, if known. */
  @IsOptional()
  @Matches(/^[0-9]{16}$/, { message: 'idNumber must be 16 digits (NIK)' })
  idNumber?: string;
}

/** A further report of the case's incident: kept with the case, not a new case. */
export class AttachReportBody {
  @IsIn(COMPLAINT_CHANNELS)
  channel: ComplaintChannel;

  @IsOptional()
  @ValidateNested()
  @Type(() => ReporterInput)
  reporter?: ReporterInput;

  @ValidateNested()
  @Type(() => ReportedPersonInput)
  victim: ReportedPersonInput;

  /** What this report adds, in the reporter's words. */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}
