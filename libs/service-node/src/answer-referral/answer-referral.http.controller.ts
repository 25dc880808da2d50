import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { DECLINE_REASON_CODES, type DeclineReasonCode } from '@rujukan/contracts';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { ReferralInboxService } from '../referral-inbox/referral-inbox.service.js';
import { REFERRAL_STAFF } from '../referral-inbox/referral-staff.js';
import { ApiProperty } from '@nestjs/swagger';

export class DeclineReferralBody {
  /** Why, as a code reporting counts by (the vocabulary in libs/contracts). */
  @IsIn(DECLINE_REASON_CODES)
  code: DeclineReasonCode;

  /** The agency's note, its own words; it stays with the referral and is never counted. */
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  @ApiProperty({ example: 'Rumah aman penuh: tidak ada tempat untuk perempuan dewasa' })
  reason: string;
}

/** A referral's answer by the agency's staff: accept (she takes it) or decline with a reason. */
@Controller('referrals')
export class AnswerReferralHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly inbox: ReferralInboxService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/accept')
  @HttpCode(200)
  accept(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.inbox.accept(tx, id, staff));
  }

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/decline')
  @HttpCode(200)
  decline(@Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineReferralBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.inbox.decline(tx, id, { code: body.code, reason: body.reason }, staff));
  }
}
