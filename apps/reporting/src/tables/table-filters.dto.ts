import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { COUNTING_DATES, type CountingDate } from './reporting.settings.js';
import { ApiProperty } from '@nestjs/swagger';

/** A year of the tables. */
export class YearParam {
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

/** A year, and a district (none: the whole region). */
export class PublicTablesQuery extends YearParam {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @ApiProperty({ example: 'Kota Tanjungpinang' })
  district?: string;
}

/** A year, a district, and the date cases count by (analysts' exact figures). */
export class ExactTablesQuery extends PublicTablesQuery {
  /** The date cases count by: reported (default), or incident (where known; not in the public view). */
  @IsOptional()
  @IsIn(COUNTING_DATES)
  date?: CountingDate;
}

export class TablesQuery extends ExactTablesQuery {
  /** internal: exact counts (analysts); public: small counts shown as "<k", cells hidden to protect them as "[c]", safe to publish. */
  @IsOptional()
  @IsIn(['internal', 'public'])
  view?: 'internal' | 'public';

  /** The figures as frozen (submitted) for the year, instead of the live ones. */
  @IsOptional()
  @IsIn(['true', 'false'])
  frozen?: 'true' | 'false';
}
