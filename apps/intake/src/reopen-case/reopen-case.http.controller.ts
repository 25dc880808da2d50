import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { ReopenCaseBody } from './reopen-case.dto.js';
import { ReopenCaseService } from './reopen-case.service.js';

@Controller('cases')
export class ReopenCaseHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly reopening: ReopenCaseService,
  ) {}

  /** A supervisor reopens a closed case, with a reason, so it takes work again. */
  @Allow(['supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/reopen')
  @HttpCode(200)
  reopen(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReopenCaseBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.reopening.reopen(tx, id, body.reason, staff));
  }
}
