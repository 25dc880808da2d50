import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { PlanBody } from '../reintegration-plan/plan-body.dto.js';
import { ReviseReintegrationPlanService } from './revise-reintegration-plan.service.js';

@Controller()
export class ReviseReintegrationPlanHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: ReviseReintegrationPlanService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'reintegration-plan', action: 'write', param: 'id' })
  @Put('reintegration-plans/:id')
  @HttpCode(200)
  revise(@Param('id', ParseUUIDPipe) id: string, @Body() body: PlanBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.plans.revise(tx, id, body.components, staff));
  }
}
