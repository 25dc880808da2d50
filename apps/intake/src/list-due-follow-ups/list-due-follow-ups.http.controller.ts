import { Controller, Get, Inject } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { CaseNotesQuery, type DueFollowUpView } from '../queries/case-notes.query.js';

@Controller('follow-ups')
export class ListDueFollowUpsHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly query: CaseNotesQuery,
  ) {}

  /** Her own follow-ups due today or overdue, on every case, the most overdue first (at most 500). */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'read' })
  @Get('due')
  due(@CurrentStaff() staff: Principal): Promise<DueFollowUpView[]> {
    return this.uow.run((tx) => this.query.dueOnTheDay(tx, staff.staffId, this.settings.timeZone));
  }
}
