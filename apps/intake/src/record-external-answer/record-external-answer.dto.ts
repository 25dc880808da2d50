import { IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { DECLINE_REASON_CODES, type DeclineReasonCode } from '@rujukan/contracts';
import { ApiProperty } from '@nestjs/swagger';

export const EXTERNAL_ANSWERS = ['accepted', 'declined', 'completed'] as const;
export type ExternalAnswer = (typeof EXTERNAL_ANSWERS)[number];

export class RecordExternalAnswerBody {
  /** What the outside agency answered (on the letter's answer line, by telephone, in person). */
  @IsIn(EXTERNAL_ANSWERS)
  state: ExternalAnswer;

  /** Why it declined: required with `declined`, as reporting counts declines by it; refused otherwise. */
  @ValidateIf((b: RecordExternalAnswerBody) => b.state === 'declined' || b.declineCode !== undefined)
  @IsIn(DECLINE_REASON_CODES)
  declineCode?: DeclineReasonCode;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiProperty({ example: 'Pihak sekolah menerima; konselor sekolah mendampingi mulai Senin.' })
  note?: string;
}
