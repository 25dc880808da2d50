import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF, ServiceCompletionBody } from '@rujukan/service-node';
import { REINTEGRATION_RESULTS, type ReintegrationResult } from '../reintegration-plan/reintegration-rules.js';
import { CompleteReintegrationPlanService } from './complete-reintegration-plan.service.js';

/** The note to the referring unit and the day come from the shared completion body. */
export class CompletePlanBody extends ServiceCompletionBody {
  @IsIn(REINTEGRATION_RESULTS)
  result: ReintegrationResult;
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
