import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { REFERRAL_STATES, type ReferralState } from '@rujukan/contracts';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { ReferralInboxService } from './referral-inbox.service.js';

/** Staff who handle referrals at a service agency. */
const STAFF = ['case-worker', 'supervisor'] as const;

export class ListReferralsQuery {
  @IsOptional()
  @IsIn(REFERRAL_STATES)
  state?: ReferralState;
}

export class DeclineReferralBody {
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class CompleteReferralBody {
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note: string;
}

/** Incoming referrals for the agency's staff. */
@Controller('referrals')
export class ReferralInboxHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly inbox: ReferralInboxService,
  ) {}

  @Allow(STAFF, { resource: 'referral', action: 'read' })
  @Get()
  list(@Query() query: ListReferralsQuery, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.inbox.list(tx, staff, query.state));
  }

  @Allow(STAFF, { resource: 'referral', action: 'read', param: 'id' })
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.inbox.get(tx, id));
  }

  @Allow(STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/accept')
  @HttpCode(200)
  accept(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.inbox.accept(tx, id, staff));
  }

  @Allow(STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/decline')
  @HttpCode(200)
  decline(@Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineReferralBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.inbox.decline(tx, id, body.reason, staff));
  }
}

/** For services whose completion is a plain note; the shelter completes by discharge instead. */
@Controller('referrals')
export class ReferralCompletionHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly inbox: ReferralInboxService,
  ) {}

  @Allow(STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/complete')
  @HttpCode(200)
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() body: CompleteReferralBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.inbox.complete(tx, id, body.note, staff));
  }
}
