import { Controller, Get, Query } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { VisumRequestsQuery } from '../queries/visum-requests.query.js';
import { VISUM_STATES, type VisumState } from '@rujukan/service-node';

export class VisumListQuery {
  @IsOptional()
  @IsIn(VISUM_STATES)
  state?: VisumState;
}

/** The visum requests sent, and their answers. */
@Controller()
export class ListVisumRequestsHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly requests: VisumRequestsQuery,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'visum-request', action: 'read' })
  @Get('visum-requests')
  list(@Query() query: VisumListQuery, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.requests.list(tx, staff, query.state));
  }
}
