import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { ReferralInboxService } from '../referral-inbox/referral-inbox.service.js';
import { REFERRAL_STAFF } from '../referral-inbox/referral-staff.js';
import { ApiProperty } from '@nestjs/swagger';

export class CompleteReferralBody {
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  @ApiProperty({ example: 'Layanan selesai; korban kembali ke keluarganya.' })
  note: string;
}

/** For services whose completion is a plain note (`completion: 'endpoint'`); the shelter completes by discharge instead. */
@Controller('referrals')
export class CompleteReferralHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly inbox: ReferralInboxService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/complete')
  @HttpCode(200)
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() body: CompleteReferralBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.inbox.complete(tx, id, body.note, staff));
  }
}
