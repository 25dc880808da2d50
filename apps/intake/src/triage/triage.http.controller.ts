import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { TriageQuery } from '../queries/triage.query.js';
import { TriageService } from './triage.service.js';

@Controller()
export class TriageHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly triage: TriageService,
    private readonly queries: TriageQuery,
  ) {}

  /** The case worker's first response (contact, outreach, service started) stops the clock. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post('cases/:id/first-response')
  @HttpCode(200)
  async firstResponse(@Param('id', ParseUUIDPipe) id: string) {
    const c = await this.uow.run((tx) => this.triage.recordFirstResponse(tx, id));
    return { id: c.id, firstResponseDueAt: c.firstResponseDueAt, firstRespondedAt: c.firstRespondedAt };
  }

  /** Cases past their first-response deadline with no response yet: a case worker's own, or all for a supervisor. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'read' })
  @Get('triage/overdue')
  overdue(@CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.queries.overdue(tx, staff));
  }

  /** Open alerts for supervisors (high-risk cases, overdue first responses). */
  @Allow(['supervisor'], { resource: 'alert', action: 'read' })
  @Get('alerts')
  alerts() {
    return this.uow.run((tx) => this.queries.alerts(tx));
  }

  @Allow(['supervisor'], { resource: 'alert', action: 'write', param: 'id' })
  @Post('alerts/:id/acknowledge')
  @HttpCode(204)
  acknowledge(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.triage.acknowledge(tx, id, staff));
  }
}
