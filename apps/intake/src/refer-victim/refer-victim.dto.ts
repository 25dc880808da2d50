import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { SERVICE_TYPES, TOKEN_PATTERN, type ServiceType } from '@rujukan/contracts';
import { ApiProperty } from '@nestjs/swagger';

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
  @ApiProperty({ example: 'Korban membutuhkan tempat tinggal aman malam ini; pelaku tinggal serumah.' })
  requestNotes?: string;

  /** Refer without consent on record: a supervisor's reason (recorded, and sent to the agency). */
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  @ApiProperty({ example: 'Keadaan darurat: korban pingsan dan perlu segera diperiksa' })
  consentOverrideReason?: string;
}
