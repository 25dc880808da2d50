import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { CloseCaseService } from './close-case.service.js';
import { ApiProperty } from '@nestjs/swagger';

export class CloseCaseBody {
  /** What was done and why the case can close. */
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  @ApiProperty({ example: 'Korban kembali ke keluarganya; rencana reintegrasi bersama Dinas Sosial' })
  note: string;

  /** A supervisor may close with referrals still open, giving the reason (recorded). */
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  @ApiProperty({ example: 'Korban pindah ke luar negeri; rujukan hukum diteruskan oleh kepolisian' })
  overrideReason?: string;
}

@Controller('cases')
export class CloseCaseHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly closing: CloseCaseService,
  ) {}

  /**
   * Closes a case once every referral is completed, declined or revoked; with
   * referrals still open only a supervisor may, with a reason.
   */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id', ParseUUIDPipe) id: string, @Body() body: CloseCaseBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.closing.close(tx, id, body, staff));
  }
}
