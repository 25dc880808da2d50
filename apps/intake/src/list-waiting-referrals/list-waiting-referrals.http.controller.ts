import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { WorkListsQuery } from '../queries/work-lists.query.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';

const STAFF = ['case-worker', 'supervisor'] as const;

export class WaitingQuery {
  /** Waiting longer than this many hours (default REFERRAL_WAITING_HOURS, 24). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(24 * 365)
  hours?: number;
}

/** A list a case worker works from each morning. */
@Controller('referrals')
export class ListWaitingReferralsHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
    private readonly lists: WorkListsQuery,
  ) {}

  /** Referrals the agency has not accepted or declined after N hours: time to phone them. */
  @Allow(STAFF, { resource: 'referral', action: 'read' })
  @Get('waiting')
  waiting(@Query() query: WaitingQuery, @CurrentStaff() staff: Principal) {
    const hours = query.hours ?? this.settings.referralWaitingHours;
    return this.uow.run((tx) => this.lists.waiting(tx, staff, hours));
  }
}
