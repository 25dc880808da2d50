import { Body, Controller, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { CaseFile } from '../cases/case.entity.js';
import { Referral } from '../cases/referral.entity.js';
import { closureRule } from './closure-rule.js';

export class CloseCaseBody {
  /** What was done and why the case can close. */
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note: string;

  /** A supervisor may close with referrals still open, giving the reason (recorded). */
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  overrideReason?: string;
}

@Controller('cases')
export class CloseCaseHttpController {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Closes a case once every referral is completed, declined or revoked; with
   * referrals still open only a supervisor may, with a reason.
   */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id', ParseUUIDPipe) id: string, @Body() body: CloseCaseBody, @CurrentStaff() staff: Principal) {
    return this.uow.run(async (tx) => {
      const repo = tx.manager.getRepository(CaseFile);
      const found = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw new NotFoundException(`no case ${id}`);
      const referrals = await tx.manager.getRepository(Referral).find({ where: { caseId: id } });
      const { openReferrals, overrideReason } = closureRule({
        status: found.status,
        referrals,
        role: staff.role,
        overrideReason: body.overrideReason,
      });
      await repo.update(
        { id },
        { status: 'closed', closedAt: new Date(), closedBy: staff.staffId, closureNote: body.note, closureOverrideReason: overrideReason },
      );
      return { id, status: 'closed', openReferrals };
    });
  }
}
