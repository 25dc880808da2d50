import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { ReferVictimBody } from './refer-victim.dto.js';
import { ReferVictimService } from './refer-victim.service.js';

@Controller('cases/:caseId/referrals')
export class ReferVictimHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly referrals: ReferVictimService,
  ) {}

  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'caseId' })
  @Post()
  @HttpCode(201)
  refer(@Param('caseId', ParseUUIDPipe) caseId: string, @Body() body: ReferVictimBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.referrals.refer(tx, caseId, body, staff));
  }
}
