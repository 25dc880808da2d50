import { IsString, MaxLength, MinLength } from 'class-validator';

export class WatchCaseQuery {
  /** From POST /auth/stream-ticket: single use, 30 seconds (an EventSource cannot send a bearer header). */
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  ticket: string;
}
