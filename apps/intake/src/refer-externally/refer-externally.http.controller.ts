import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { ReferExternallyBody } from './refer-externally.dto.js';
import { ReferExternallyService } from './refer-externally.service.js';

@Controller('cases/:caseId/external-referrals')
export class ReferExternallyHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly referrals: ReferExternallyService,
  ) {}

  /** Refers her to an agency outside the network: a letter (GET /referrals/:id/letter) whose answer is recorded by hand. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'caseId' })
  @Post()
  @HttpCode(201)
  refer(@Param('caseId', ParseUUIDPipe) caseId: string, @Body() body: ReferExternallyBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.referrals.refer(tx, caseId, body, staff));
  }
}
