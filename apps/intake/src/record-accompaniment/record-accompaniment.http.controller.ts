import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { RecordAccompanimentBody } from './record-accompaniment.dto.js';
import { RecordAccompanimentService } from './record-accompaniment.service.js';

@Controller('cases')
export class RecordAccompanimentHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accompaniment: RecordAccompanimentService,
  ) {}

  /** Records that a victim of the case was accompanied to the police, the prosecutor, the court or the hospital. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/accompaniments')
  @HttpCode(201)
  record(@Param('id', ParseUUIDPipe) id: string, @Body() body: RecordAccompanimentBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.accompaniment.record(tx, id, body, staff));
  }
}
