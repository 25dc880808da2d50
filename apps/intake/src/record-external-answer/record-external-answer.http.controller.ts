import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { RecordExternalAnswerBody } from './record-external-answer.dto.js';
import { RecordExternalAnswerService } from './record-external-answer.service.js';

@Controller('referrals')
export class RecordExternalAnswerHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly answers: RecordExternalAnswerService,
  ) {}

  /** The answer of an agency outside the network, recorded by hand (forward only, as a node's answers). */
  @Allow(['case-worker', 'supervisor'], { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/external-answer')
  @HttpCode(200)
  answer(@Param('id', ParseUUIDPipe) id: string, @Body() body: RecordExternalAnswerBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.answers.record(tx, id, body, staff));
  }
}
