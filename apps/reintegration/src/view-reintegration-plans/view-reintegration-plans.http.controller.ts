import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { ReintegrationPlansQuery } from '../queries/reintegration-plans.query.js';

export class PlansQuery {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  completed?: boolean;
}

@Controller()
export class ViewReintegrationPlansHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly views: ReintegrationPlansQuery,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'read' })
  @Get('reintegration-plans')
  list(@Query() query: PlansQuery, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.views.list(tx, staff, query.completed ?? false));
  }

  @Allow(REFERRAL_STAFF, { resource: 'reintegration-plan', action: 'read', param: 'id' })
  @Get('reintegration-plans/:id')
  view(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.views.view(tx, id));
  }
}
