import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { LEGAL_STAGES, type LegalStage } from '../legal-case/stage-order.js';
import { LegalCasesQuery } from '../queries/legal-cases.query.js';

export class LegalCaseListQuery {
  @IsOptional()
  @IsIn(LEGAL_STAGES)
  stage?: LegalStage;
}

@Controller()
export class ViewLegalCasesHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: LegalCasesQuery,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'read', param: 'id' })
  @Get('referrals/:id/legal-case')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.cases.get(tx, id));
  }

  @Allow(REFERRAL_STAFF, { resource: 'legal-case', action: 'read' })
  @Get('legal-cases')
  list(@Query() query: LegalCaseListQuery, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.cases.list(tx, staff, query.stage));
  }
}
