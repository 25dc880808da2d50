import { Controller, Get } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { TriageQuery } from '../queries/triage.query.js';

@Controller()
export class ListOverdueCasesHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly queries: TriageQuery,
  ) {}

  /** Cases past their first-response deadline with no response yet: a case worker's own, or all for a supervisor. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'read' })
  @Get('triage/overdue')
  overdue(@CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.queries.overdue(tx, staff));
  }
}
