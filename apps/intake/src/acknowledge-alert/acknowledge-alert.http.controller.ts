import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { AcknowledgeAlertService } from './acknowledge-alert.service.js';

@Controller()
export class AcknowledgeAlertHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly triage: AcknowledgeAlertService,
  ) {}

  @Allow(['supervisor'], { resource: 'alert', action: 'write', param: 'id' })
  @Post('alerts/:id/acknowledge')
  @HttpCode(204)
  acknowledge(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.triage.acknowledge(tx, id, staff));
  }
}
