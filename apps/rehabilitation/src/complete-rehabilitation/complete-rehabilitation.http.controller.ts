import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { DAY, REFERRAL_STAFF } from '@rujukan/service-node';
import { COMPLETION_OUTCOMES, type CompletionOutcome } from '../rehabilitation/rehabilitation-rules.js';
import { CompleteRehabilitationService } from './complete-rehabilitation.service.js';

export class CompleteRehabilitationBody {
  @IsIn(COMPLETION_OUTCOMES)
  outcome: CompletionOutcome;

  /** The provider's note to the referring unit (what was delivered; no session notes). */
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note: string;

  /** Default: today. */
  @IsOptional()
  @Matches(DAY, { message: 'completedOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  completedOn?: string;
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
