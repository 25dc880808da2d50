import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF, ServiceCompletionBody } from '@rujukan/service-node';
import { COMPLETION_OUTCOMES, type CompletionOutcome } from '../rehabilitation/rehabilitation-rules.js';
import { CompleteRehabilitationService } from './complete-rehabilitation.service.js';

/** The note to the referring unit and the day come from the shared completion body. */
export class CompleteRehabilitationBody extends ServiceCompletionBody {
  @IsIn(COMPLETION_OUTCOMES)
  outcome: CompletionOutcome;
}

@Controller()
export class CompleteRehabilitationHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly completion: CompleteRehabilitationService,
  ) {}

  /** Replaces the inbox's plain completion: a rehabilitation referral is completed with its outcome. */
  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/complete')
  @HttpCode(200)
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() body: CompleteRehabilitationBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.completion.complete(tx, id, body, staff));
  }
}
