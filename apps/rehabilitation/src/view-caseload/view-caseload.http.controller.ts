import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { RehabilitationCaseloadQuery } from '../queries/caseload.query.js';

export class CaseloadQuery {
  @IsOptional()
  @IsIn(['accepted', 'completed'])
  state?: 'accepted' | 'completed';
}

@Controller()
export class ViewCaseloadHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly caseload: RehabilitationCaseloadQuery,
  ) {}

  /** Who I am seeing: per referral, assessed or not, sessions held of planned, the last one. */
  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'read' })
  @Get('rehabilitation')
  list(@Query() query: CaseloadQuery, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.caseload.list(tx, staff, query.state ?? 'accepted'));
  }

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'read', param: 'id' })
  @Get('referrals/:id/rehabilitation')
  view(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.caseload.view(tx, id));
  }
}
