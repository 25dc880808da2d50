import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

/** A follow-up task on a case, with its due day and the staff member who owns it. */
export class SetFollowUpBody {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @ApiProperty({ example: 'Telepon keluarga tentang pendaftaran sekolah' })
  task: string;

  /** YYYY-MM-DD in the node's time zone, today or later. */
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOn must be a date, YYYY-MM-DD' })
  dueOn: string;

  /** The staff member who owns the task (her account's id); default the one who sets it. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}
