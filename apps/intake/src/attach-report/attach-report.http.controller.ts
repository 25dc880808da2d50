import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { AttachReportBody } from './attach-report.dto.js';
import { AttachReportService } from './attach-report.service.js';

/** One case per incident: a further report of it (the duplicate shown) attached to the open case. */
@Controller('cases')
export class AttachReportHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly reports: AttachReportService,
  ) {}

  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/reports')
  @HttpCode(201)
  attach(@Param('id', ParseUUIDPipe) id: string, @Body() body: AttachReportBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.reports.attach(tx, id, body, staff));
  }
}
