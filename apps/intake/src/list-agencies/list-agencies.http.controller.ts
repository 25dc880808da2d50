import { Controller, Get, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { SERVICE_TYPES, type ServiceType } from '@rujukan/contracts';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { AgencyDirectoryQuery } from '../queries/agency-directory.query.js';
import { ApiProperty } from '@nestjs/swagger';

export class AgenciesQuery {
  @IsOptional()
  @IsIn(SERVICE_TYPES)
  service?: ServiceType;

  /** District (kabupaten/kota), case and spacing ignored. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @ApiProperty({ example: 'Kota Tanjungpinang' })
  district?: string;
}

/** The agencies a case worker can refer to, reachable with free places first (AgencyDirectoryQuery). */
@Controller('agencies')
export class ListAgenciesHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly directory: AgencyDirectoryQuery,
  ) {}

  @Allow(['case-worker', 'supervisor', 'agency-admin'], { resource: 'agency-directory', action: 'read' })
  @Get()
  list(@Query() query: AgenciesQuery) {
    return this.uow.run((tx) => this.directory.list(tx, query));
  }
}
