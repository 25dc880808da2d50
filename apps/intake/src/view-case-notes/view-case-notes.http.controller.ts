import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { CaseNotesQuery, type CaseNoteView, type FollowUpView } from '../queries/case-notes.query.js';

@Controller('cases')
export class ViewCaseNotesHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly query: CaseNotesQuery,
  ) {}

  /** The case's notes (newest first) and follow-ups (open ones by due day, each with its state today). */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'read', param: 'id' })
  @Get(':id/notes')
  view(@Param('id', ParseUUIDPipe) id: string): Promise<{ notes: CaseNoteView[]; followUps: FollowUpView[] }> {
    return this.uow.run(async (tx) => {
      const found = await this.query.ofCase(tx, id, this.settings.timeZone);
      if (!found) throw new NotFoundException(`no case ${id}`);
      return found;
    });
  }
}
