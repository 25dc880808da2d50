import {
  ArrayMaxSize,
  ArrayMinSize,
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
  MinLength,
} from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { OUTREACH_OUTCOMES, type OutreachOutcome } from '@rujukan/contracts';

/** An outreach visit (penjangkauan) as the staff who went record it. */
export class RecordOutreachVisitBody {
  /** The day of the visit, YYYY-MM-DD, not after today. */
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'visitedOn must be a date, YYYY-MM-DD' })
  visitedOn: string;

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @ApiProperty({ example: 'Kota Tanjungpinang' })
  district: string;

  /** The village, school, port or workplace visited: a place, never a person. */
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @ApiProperty({ example: 'Pelabuhan Sri Bintan Pura' })
  place: string;

  /** The staff who went, by name. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  staff: string[];

  @IsIn(OUTREACH_OUTCOMES)
  outcome: OutreachOutcome;

  /** Complaints taken during the visit (each registered as a case). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(500)
  complaints?: number;

  /** The case registered from the visit, if one was. */
  @IsOptional()
  @IsUUID()
  caseId?: string;

  /** What was done and what follows; no victim's name. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** Which outreach visits to list: days, inclusive (default the last 90 days). */
export class ListOutreachVisitsQuery {
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date, YYYY-MM-DD' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date, YYYY-MM-DD' })
  to?: string;
}
