import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { SERVICE_TYPES, type ServiceType } from '@rujukan/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class ReferExternallyBody {
  @IsUUID()
  victimId: string;

  @IsIn(SERVICE_TYPES)
  service: ServiceType;

  /** The outside agency, as the letter is addressed: it runs no node and is not in the directory. */
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @ApiProperty({ example: 'SD Negeri 3 Tanjungpinang' })
  agencyName: string;

  /** Its address or contact, printed under its name on the letter. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @ApiProperty({ example: 'Jl. Pramuka No. 5, Tanjungpinang; telp. 0771 123456' })
  agencyAddress?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiProperty({ example: 'Mohon pendampingan rohani mingguan bagi korban.' })
  requestNotes?: string;

  /** Refer without consent on record: a supervisor's reason (recorded here; the letter does not print it). */
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  @ApiProperty({ example: 'Keadaan darurat: korban perlu segera didampingi' })
  consentOverrideReason?: string;
}
