import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { REINTEGRATION_AREAS, type ReintegrationArea } from './reintegration-rules.js';
import { ApiProperty } from '@nestjs/swagger';

export class PlanComponentBody {
  @IsIn(REINTEGRATION_AREAS)
  area: ReintegrationArea;

  /** e.g. "reconciled with her parents", "back in SMP class 8", "runs a food stall with the KUBE grant". */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(3, { each: true })
  @MaxLength(500, { each: true })
  @ApiProperty({ example: ['Korban memiliki usaha kecil', 'Anak kembali bersekolah'] })
  goals: string[];
}

/** A plan's areas and goals, as made and as revised. */
export class PlanBody {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(REINTEGRATION_AREAS.length)
  @ValidateNested({ each: true })
  @Type(() => PlanComponentBody)
  components: PlanComponentBody[];
}
