import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { PlanBody } from '../reintegration-plan/plan-body.dto.js';
import { MakeReintegrationPlanService } from './make-reintegration-plan.service.js';

@Controller()
export class MakeReintegrationPlanHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: MakeReintegrationPlanService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/reintegration-plan')
  @HttpCode(201)
  make(@Param('id', ParseUUIDPipe) id: string, @Body() body: PlanBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.plans.make(tx, id, body.components, staff));
  }
}
