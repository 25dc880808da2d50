import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { MyChangesQuery, type MyChanges } from '../queries/my-changes.query.js';

@Controller('me')
export class ViewMyChangesHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly query: MyChangesQuery,
  ) {}

  /**
   * What agencies did on her cases since she last looked (POST /me/changes/seen),
   * newest first (at most 200); before her first look, the last 7 days.
   */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'read' })
  @Get('changes')
  @ApiOkResponse({ description: 'The changes since her last look' })
  changes(@CurrentStaff() staff: Principal): Promise<MyChanges> {
    return this.uow.run((tx) => this.query.since(tx, staff));
  }
}
