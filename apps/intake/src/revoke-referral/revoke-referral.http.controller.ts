import { Body, ConflictException, Controller, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { Referral } from '../cases/referral.entity.js';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { revokeReferral } from './revoke-referral.js';

export class RevokeReferralBody {
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

@Controller('referrals')
export class RevokeReferralHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  /** The sender withdraws an open referral (requested or accepted). */
  @Allow(['case-worker', 'supervisor'], { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@Param('id', ParseUUIDPipe) id: string, @Body() body: RevokeReferralBody, @CurrentStaff() staff: Principal) {
    return this.uow.run(async (tx) => {
      const repo = tx.manager.getRepository(Referral);
      const referral = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!referral) throw new NotFoundException(`no referral ${id}`);
      if (referral.state !== 'requested' && referral.state !== 'accepted') {
        throw new ConflictException(`referral is ${referral.state}; only an open referral can be revoked`);
      }
      return revokeReferral(tx, referral, staff, this.settings.statisticsKey, body.reason);
    });
  }
}
