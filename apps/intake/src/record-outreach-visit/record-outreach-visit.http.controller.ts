import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { ListOutreachVisitsQuery, RecordOutreachVisitBody } from './record-outreach-visit.dto.js';
import { RecordOutreachVisitService } from './record-outreach-visit.service.js';

/** Outreach visits (penjangkauan): recorded by the staff who went, listed for the unit. */
@Controller('outreach-visits')
export class RecordOutreachVisitHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outreach: RecordOutreachVisitService,
  ) {}

  /** Records an outreach visit; reporting counts it (function, outcome, month, district). */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write' })
  @Post()
  @HttpCode(201)
  record(@Body() body: RecordOutreachVisitBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.outreach.record(tx, body, staff));
  }

  /** Outreach visits between two days (default the last 90), latest first. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'read' })
  @Get()
  list(@Query() query: ListOutreachVisitsQuery) {
    return this.uow.run((tx) => this.outreach.list(tx, query));
  }
}
