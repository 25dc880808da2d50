import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { RecordLegalHoldService } from './record-legal-hold.service.js';

export class CaseLegalHoldBody {
  /** Why the case must be kept past its retention (the law or the proceedings), kept with the hold. */
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  @ApiProperty({ example: 'Perkara TPPO dalam persidangan di Pengadilan Negeri Tanjungpinang' })
  reason: string;
}

/** A supervisor's legal hold on a case: while it stands, the case's retention after closure does not erase it. */
@Controller('cases')
export class RecordLegalHoldHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly holds: RecordLegalHoldService,
  ) {}

  /** Records (or replaces) the case's legal hold with its reason. */
  @Allow(['supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post(':id/legal-hold')
  @HttpCode(200)
  hold(@Param('id', ParseUUIDPipe) id: string, @Body() body: CaseLegalHoldBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.holds.record(tx, id, body.reason, staff));
  }

  /** Lifts the case's legal hold (the proceedings ended): its retention runs from its closure again. */
  @Allow(['supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Delete(':id/legal-hold')
  @HttpCode(200)
  lift(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.holds.lift(tx, id));
  }
}
