import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { DAY, REFERRAL_STAFF } from '@rujukan/service-node';
import { RecordFollowUpVisitService } from './record-follow-up-visit.service.js';
import { ApiProperty } from '@nestjs/swagger';

export class VisitBody {
  @Matches(DAY, { message: 'visitedOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  visitedOn: string;

  /** Staff id of who visited; default: whoever records it. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  visitedBy?: string;

  /** What the visit found: kept here only. */
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  @ApiProperty({ example: 'Korban sudah bekerja di warung keluarga; anak kembali bersekolah.' })
  outcome: string;
}

@Controller()
export class RecordFollowUpVisitHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly visits: RecordFollowUpVisitService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'reintegration-plan', action: 'write', param: 'id' })
  @Post('reintegration-plans/:id/visits')
  @HttpCode(201)
  visit(@Param('id', ParseUUIDPipe) id: string, @Body() body: VisitBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.visits.visit(tx, id, body, staff));
  }
}
