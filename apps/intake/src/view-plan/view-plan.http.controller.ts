import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { CasePlanQuery } from '../queries/case-plan.query.js';

const STAFF = ['case-worker', 'supervisor'] as const;

@Controller('cases/:id')
export class ViewPlanHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: CasePlanQuery,
  ) {}

  /** The plan: each need with its status (met, pending, refused) from the referrals made for it. */
  @Allow(STAFF, { resource: 'case', action: 'read', param: 'id' })
  @Get('plan')
  plan(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.plans.ofCase(tx, id));
  }
}
