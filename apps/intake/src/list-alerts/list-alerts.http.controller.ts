import { Controller, Get } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { TriageQuery } from '../queries/triage.query.js';

@Controller()
export class ListAlertsHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly queries: TriageQuery,
  ) {}

  /** Open alerts for supervisors (high-risk cases, overdue first responses). */
  @Allow(['supervisor'], { resource: 'alert', action: 'read' })
  @Get('alerts')
  alerts() {
    return this.uow.run((tx) => this.queries.alerts(tx));
  }
}
