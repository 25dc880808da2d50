import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { YearParam } from '../tables/table-filters.dto.js';
import { FreezePeriodService } from './freeze-period.service.js';

@Controller('statistics/periods')
export class FreezePeriodHttpController {
  constructor(private readonly periods: FreezePeriodService) {}

  /** Freezes a year's figures as submitted (to SIMFONI-PPA, to the minister): kept as they are, with the date. */
  @Allow(['supervisor'], { resource: 'statistics', action: 'write' })
  @Post(':year/freeze')
  @HttpCode(201)
  freeze(@Param() p: YearParam, @CurrentStaff() staff: Principal) {
    return this.periods.freeze(p.year, staff.staffId);
  }

  /** The frozen periods, with who froze them when and under which policy. */
  @Allow(['analyst', 'supervisor'], { resource: 'statistics', action: 'read' })
  @Get()
  list() {
    return this.periods.periods();
  }
}
