import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { DAY, REFERRAL_STAFF } from '@rujukan/service-node';
import { StartJourneyService } from './start-journey.service.js';

export class StartJourneyBody {
  /** Default: today. */
  @IsOptional()
  @Matches(DAY, { message: 'startedOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startedOn?: string;
}

@Controller()
export class StartJourneyHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly journeys: StartJourneyService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'journey', action: 'write', param: 'id' })
  @Post('journeys/:id/start')
  @HttpCode(200)
  start(@Param('id', ParseUUIDPipe) id: string, @Body() body: StartJourneyBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.journeys.start(tx, id, body.startedOn, staff));
  }
}
