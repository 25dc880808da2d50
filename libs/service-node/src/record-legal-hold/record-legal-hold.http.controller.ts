import { Body, Controller, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { RecordLegalHoldService } from './record-legal-hold.service.js';

export class LegalHoldBody {
  /** Why her data must be kept (the law or the proceedings): an erasure request is answered `retained` with it. */
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  @ApiProperty({ example: 'Berkas perkara dalam penyidikan (KUHAP)' })
  reason: string;
}

/** A supervisor records a legal hold on the victim of a referral: her erasure keeps her here, and says why. */
@Controller('referrals')
export class RecordLegalHoldHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly holds: RecordLegalHoldService,
  ) {}

  @Allow(['supervisor'], { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/legal-hold')
  @HttpCode(200)
  async hold(@Param('id', ParseUUIDPipe) id: string, @Body() body: LegalHoldBody, @CurrentStaff() staff: Principal) {
    const held = await this.uow.run((tx) => this.holds.record(tx, id, body.reason, staff));
    if (!held) throw new NotFoundException('no referral naming a victim with this id here');
    return held;
  }
}
