import { Controller, Get, Query } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { ExactTablesQuery } from '../tables/table-filters.dto.js';
import { ReadSpmCoverageService } from './read-spm-coverage.service.js';

@Controller('statistics')
export class ReadSpmCoverageHttpController {
  constructor(private readonly spm: ReadSpmCoverageService) {}

  /** SPM coverage against the targets, exact (analysts; the public tables carry it suppressed). */
  @Allow(['analyst'], { resource: 'statistics', action: 'read' })
  @Get('spm')
  coverage(@Query() q: ExactTablesQuery) {
    return this.spm.coverage(q.year, q.district, q.date);
  }
}
