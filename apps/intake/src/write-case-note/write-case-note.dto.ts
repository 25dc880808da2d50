import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** A dated note on a case: kept at intake only, never sent to another agency. */
export class WriteCaseNoteBody {
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  @ApiProperty({ example: 'Ibu korban menelepon: korban sudah tiba di rumah dan ingin kembali sekolah.' })
  body: string;
}
