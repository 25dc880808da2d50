import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import type { FollowUpView } from '../queries/case-notes.query.js';
import { CompleteFollowUpService } from './complete-follow-up.service.js';

@Controller('cases')
export class CompleteFollowUpHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly followUps: CompleteFollowUpService,
  ) {}

  /** Marks the case's follow-up done (again: the same answer, nothing changed). */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/follow-ups/:followUpId/done')
  @HttpCode(200)
  complete(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('followUpId', ParseUUIDPipe) followUpId: string,
    @CurrentStaff() staff: Principal,
  ): Promise<FollowUpView> {
    return this.uow.run((tx) => this.followUps.complete(tx, id, followUpId, staff));
  }
}
