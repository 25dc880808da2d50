import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { ChangesSeenView, MarkChangesSeenBody } from './mark-changes-seen.dto.js';
import { MarkChangesSeenService } from './mark-changes-seen.service.js';

@Controller('me')
export class MarkChangesSeenHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly seen: MarkChangesSeenService,
  ) {}

  /** She has seen the changes up to `upTo` (sending it again changes nothing). */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'read' })
  @Post('changes/seen')
  @HttpCode(200)
  mark(@Body() body: MarkChangesSeenBody, @CurrentStaff() staff: Principal): Promise<ChangesSeenView> {
    return this.uow.run((tx) => this.seen.seen(tx, body, staff));
  }
}
