import { IsString, MaxLength, MinLength } from 'class-validator';

export class ReopenCaseBody {
  /** Why the closed case takes work again (recorded, in the timeline). */
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  reason: string;
}
