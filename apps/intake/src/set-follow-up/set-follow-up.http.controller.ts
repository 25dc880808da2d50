import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import type { FollowUpView } from '../queries/case-notes.query.js';
import { SetFollowUpBody } from './set-follow-up.dto.js';
import { SetFollowUpService } from './set-follow-up.service.js';

@Controller('cases')
export class SetFollowUpHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly followUps: SetFollowUpService,
  ) {}

  /** Sets a follow-up task on the case with its due day and owner: shown to her when due or overdue (GET /follow-ups/due). */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/follow-ups')
  @HttpCode(201)
  set(@Param('id', ParseUUIDPipe) id: string, @Body() body: SetFollowUpBody, @CurrentStaff() staff: Principal): Promise<FollowUpView> {
    return this.uow.run((tx) => this.followUps.set(tx, id, body, staff));
  }
}
