import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { RepatriationJourneysQuery } from '../queries/journeys.query.js';
import { JOURNEY_STATES, type JourneyState } from '../repatriation/journey-rules.js';

export class JourneysQuery {
  @IsOptional()
  @IsIn(JOURNEY_STATES)
  state?: JourneyState;
}

@Controller()
export class ViewJourneysHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly views: RepatriationJourneysQuery,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'read' })
  @Get('journeys')
  list(@Query() query: JourneysQuery, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.views.list(tx, staff, query.state));
  }

  @Allow(REFERRAL_STAFF, { resource: 'journey', action: 'read', param: 'id' })
  @Get('journeys/:id')
  view(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.views.view(tx, id));
  }
}
