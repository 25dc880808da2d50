import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ACCOMPANIMENT_DESTINATIONS, type AccompanimentDestination } from '@rujukan/contracts';

/** A victim accompanied (pendampingan) to the police, the prosecutor, the court or the hospital. */
export class RecordAccompanimentBody {
  /** The victim of the case accompanied (her id in the case view). */
  @IsUUID()
  victimId: string;

  /** YYYY-MM-DD, not after today. */
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'accompaniedOn must be a date, YYYY-MM-DD' })
  accompaniedOn: string;

  @IsIn(ACCOMPANIMENT_DESTINATIONS)
  destination: AccompanimentDestination;

  /** The staff who went with her, by name. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  staff: string[];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
