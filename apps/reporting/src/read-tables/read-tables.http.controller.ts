import { Controller, Get, Header, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { TablesQuery } from '../tables/table-filters.dto.js';
import { ReadTablesService } from './read-tables.service.js';

const READERS = ['analyst', 'supervisor'] as const;

/** The task force's tables (national breakdowns and SPM coverage), internal or public, live or frozen, as JSON, CSV or XLSX. */
@Controller('statistics')
export class ReadTablesHttpController {
  constructor(private readonly tables: ReadTablesService) {}

  @Allow(READERS, { resource: 'statistics', action: 'read' })
  @Get('tables')
  json(@Query() q: TablesQuery, @CurrentStaff() staff: Principal) {
    return this.tables.tables(q, staff);
  }

  @Allow(READERS, { resource: 'statistics', action: 'export' })
  @Get('tables.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  async csv(@Query() q: TablesQuery, @CurrentStaff() staff: Principal, @Res({ passthrough: true }) res: Response) {
    const { view, csv } = await this.tables.csv(q, staff);
    res.setHeader('content-disposition', `attachment; filename="statistik-${q.year}-${view}.csv"`);
    return csv;
  }

  @Allow(READERS, { resource: 'statistics', action: 'export' })
  @Get('tables.xlsx')
  @ApiOkResponse({
    description: 'The tables as a workbook (one sheet per table)',
    content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } },
  })
  async xlsx(@Query() q: TablesQuery, @CurrentStaff() staff: Principal) {
    const { view, xlsx } = await this.tables.xlsx(q, staff);
    return new StreamableFile(xlsx, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="statistik-${q.year}-${view}.xlsx"`,
    });
  }
}
