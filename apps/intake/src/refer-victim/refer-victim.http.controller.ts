import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { UnitOfWork } from '@rujukan/messaging';
import { ReferVictimBody } from './refer-victim.dto.js';
import { ReferVictimService } from './refer-victim.service.js';

@Controller('cases/:caseId/referrals')
export class ReferVictimHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly referrals: ReferVictimService,
  ) {}

  @Post()
  @HttpCode(201)
  refer(@Param('caseId', ParseUUIDPipe) caseId: string, @Body() body: ReferVictimBody) {
    return this.uow.run((tx) => this.referrals.refer(tx, caseId, body));
  }
}
