import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { DAY, REFERRAL_STAFF } from '@rujukan/service-node';
import { REINTEGRATION_RESULTS, type ReintegrationResult } from '../reintegration-plan/reintegration-rules.js';
import { CompleteReintegrationPlanService } from './complete-reintegration-plan.service.js';

export class CompletePlanBody {
  @IsIn(REINTEGRATION_RESULTS)
  result: ReintegrationResult;

  /** Goes to the referring unit with the completion. */
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note: string;

  @IsOptional()
  @Matches(DAY, { message: 'completedOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  completedOn?: string;
}

@Controller()
export class CompleteReintegrationPlanHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: CompleteReintegrationPlanService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'reintegration-plan', action: 'write', param: 'id' })
  @Post('reintegration-plans/:id/complete')
  @HttpCode(200)
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() body: CompletePlanBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.plans.complete(tx, id, body, staff));
  }
}
