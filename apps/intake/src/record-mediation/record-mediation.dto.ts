import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { MEDIATION_OUTCOMES, MEDIATION_PARTIES, type MediationOutcome, type MediationParty } from '@rujukan/contracts';

/** A mediation session of a case: the parties it brought together and what it came to. */
export class RecordMediationBody {
  /** The victim of the case the mediation is about (her id in the case view). */
  @IsUUID()
  victimId: string;

  /** YYYY-MM-DD, not after today. */
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'heldOn must be a date, YYYY-MM-DD' })
  heldOn: string;

  /** At least two parties. */
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MEDIATION_PARTIES.length)
  @ArrayUnique()
  @IsIn(MEDIATION_PARTIES, { each: true })
  parties: MediationParty[];

  @IsIn(MEDIATION_OUTCOMES)
  outcome: MediationOutcome;

  /** What the parties agreed: required when the outcome is an agreement. */
  @ValidateIf((b: RecordMediationBody) => b.outcome === 'agreement' || b.agreement !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  agreement?: string;
}
