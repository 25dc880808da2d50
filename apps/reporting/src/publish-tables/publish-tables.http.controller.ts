import { Controller, Get, Query } from '@nestjs/common';
import { Public } from '@rujukan/auth';
import { PublicTablesQuery } from '../tables/table-filters.dto.js';
import { PublishTablesService } from './publish-tables.service.js';

@Controller('public/statistics')
export class PublishTablesHttpController {
  constructor(private readonly publish: PublishTablesService) {}

  /** For publishing (a website, a dashboard on the wall): the suppressed view, no sign-in. */
  @Public()
  @Get('tables')
  tables(@Query() q: PublicTablesQuery) {
    return this.publish.tables(q.year, q.district);
  }
}
