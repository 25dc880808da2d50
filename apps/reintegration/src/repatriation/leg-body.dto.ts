import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DAY } from '@rujukan/service-node';
import { TRAVEL_MODES, type TravelMode } from './journey-rules.js';
import { ApiProperty } from '@nestjs/swagger';

/** One leg of the journey home, as planned with it or added later. */
export class LegBody {
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @ApiProperty({ example: 'Pelabuhan Sri Bintan Pura, Tanjungpinang' })
  fromPlace: string;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @ApiProperty({ example: 'Bandara Internasional Lombok' })
  toPlace: string;

  @IsIn(TRAVEL_MODES)
  mode: TravelMode;

  @Matches(DAY, { message: 'departOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  departOn: string;

  @IsOptional()
  @Matches(DAY, { message: 'arriveOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  arriveOn?: string;
}
