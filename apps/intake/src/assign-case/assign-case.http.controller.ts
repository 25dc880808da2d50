import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { AssignCaseService } from './assign-case.service.js';

export class ShareCaseBody {
  /** The staff member's id (from the agency's staff list). */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  staffId: string;
}

@Controller('cases')
export class AssignCaseHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly assignment: AssignCaseService,
  ) {}

  /** A supervisor assigns the case to a case worker, who then owns it. */
  @Allow(['supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/owner')
  @HttpCode(204)
  assign(@Param('id', ParseUUIDPipe) id: string, @Body() body: ShareCaseBody) {
    return this.uow.run((tx) => this.assignment.assign(tx, id, body.staffId));
  }

  /** Lets another staff member see and work on the case. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/shares')
  @HttpCode(204)
  share(@Param('id', ParseUUIDPipe) id: string, @Body() body: ShareCaseBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.assignment.share(tx, id, body.staffId, staff));
  }
}
