import { Controller, Get, Query } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { ExactTablesQuery } from '../tables/table-filters.dto.js';
import { ReadReferralPerformanceService } from './read-referral-performance.service.js';

@Controller('statistics')
export class ReadReferralPerformanceHttpController {
  constructor(private readonly referrals: ReadReferralPerformanceService) {}

  @Allow(['analyst'], { resource: 'statistics', action: 'read' })
  @Get('referral-performance')
  performance(@Query() q: ExactTablesQuery) {
    return this.referrals.performance(q.year, q.district, q.date);
  }
}
