import { Controller, Get } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { ReadExactCountsService } from './read-exact-counts.service.js';

// Exact counts: analysts only (supervisors read the public tables).
const READERS = ['analyst'] as const;

/** Counts for the task force, exact (the public, suppressed view is GET /public/statistics/tables). */
@Controller('statistics')
export class ReadExactCountsHttpController {
  constructor(private readonly counts: ReadExactCountsService) {}

  @Allow(READERS, { resource: 'statistics', action: 'read' })
  @Get('cases')
  cases() {
    return this.counts.cases();
  }

  @Allow(READERS, { resource: 'statistics', action: 'read' })
  @Get('referrals')
  referrals() {
    return this.counts.referrals();
  }
}
