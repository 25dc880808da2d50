import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { RecordMediationBody } from './record-mediation.dto.js';
import { RecordMediationService } from './record-mediation.service.js';

@Controller('cases')
export class RecordMediationHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly mediation: RecordMediationService,
  ) {}

  /** Records a mediation session of the case (refused, 422, in a sexual violence case). */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/mediations')
  @HttpCode(201)
  record(@Param('id', ParseUUIDPipe) id: string, @Body() body: RecordMediationBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.mediation.record(tx, id, body, staff));
  }
}
