import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { RevokeReferralService } from './revoke-referral.service.js';
import { ApiProperty } from '@nestjs/swagger';

export class RevokeReferralBody {
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  @ApiProperty({ example: 'Korban memilih tinggal bersama kakaknya' })
  reason: string;
}

@Controller('referrals')
export class RevokeReferralHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly revocation: RevokeReferralService,
  ) {}

  /** The sender withdraws an open referral (requested or accepted). */
  @Allow(['case-worker', 'supervisor'], { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@Param('id', ParseUUIDPipe) id: string, @Body() body: RevokeReferralBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.revocation.revoke(tx, id, body.reason, staff));
  }
}
