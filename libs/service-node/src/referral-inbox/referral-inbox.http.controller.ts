import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { REFERRAL_STATES, type ReferralState } from '@rujukan/contracts';
import { UnitOfWork } from '@rujukan/messaging';
import { ReferralInboxService } from './referral-inbox.service.js';

export class ListReferralsQuery {
  @IsOptional()
  @IsIn(REFERRAL_STATES)
  state?: ReferralState;
}

export class DeclineReferralBody {
  @IsString() @MinLength(3) @MaxLength(500)
  reason: string;
}

export class CompleteReferralBody {
  @IsString() @MinLength(3) @MaxLength(2000)
  note: string;
}

/** Incoming referrals for the agency's staff. */
@Controller('referrals')
export class ReferralInboxHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly inbox: ReferralInboxService,
  ) {}

  @Get()
  list(@Query() query: ListReferralsQuery) {
    return this.uow.run((tx) => this.inbox.list(tx, query.state));
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.inbox.get(tx, id));
  }

  @Post(':id/accept')
  @HttpCode(200)
  accept(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.inbox.accept(tx, id));
  }

  @Post(':id/decline')
  @HttpCode(200)
  decline(@Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineReferralBody) {
    return this.uow.run((tx) => this.inbox.decline(tx, id, body.reason));
  }
}

/** For services whose completion is a plain note; the shelter completes by discharge instead. */
@Controller('referrals')
export class ReferralCompletionHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly inbox: ReferralInboxService,
  ) {}

  @Post(':id/complete')
  @HttpCode(200)
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() body: CompleteReferralBody) {
    return this.uow.run((tx) => this.inbox.complete(tx, id, body.note));
  }
}
