import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { SERVICE_TYPES, TOKEN_PATTERN, type ServiceType } from '@rujukan/contracts';

export class ReferVictimBody {
  @IsUUID()
  victimId: string;

  @IsIn(SERVICE_TYPES)
  service: ServiceType;

  /** The receiving agency's id in the directory (GET /agencies). */
  @Matches(TOKEN_PATTERN, { message: 'agencyId must be an agency id from the directory' })
  agencyId: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  requestNotes?: string;

  /** Refer without consent on record: a supervisor's reason (recorded, and sent to the agency). */
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  consentOverrideReason?: string;
}
