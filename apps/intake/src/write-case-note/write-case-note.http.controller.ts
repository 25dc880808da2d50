import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import type { CaseNoteView } from '../queries/case-notes.query.js';
import { WriteCaseNoteBody } from './write-case-note.dto.js';
import { WriteCaseNoteService } from './write-case-note.service.js';

@Controller('cases')
export class WriteCaseNoteHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly notes: WriteCaseNoteService,
  ) {}

  /** Writes a dated note on the case: kept at intake only, never broadcast or sent; shown in the case's timeline. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/notes')
  @HttpCode(201)
  write(@Param('id', ParseUUIDPipe) id: string, @Body() body: WriteCaseNoteBody, @CurrentStaff() staff: Principal): Promise<CaseNoteView> {
    return this.uow.run((tx) => this.notes.write(tx, id, body.body, staff));
  }
}
