import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { LATER_STAGES, VERDICT_OUTCOMES, type VerdictOutcome } from '../legal-case/stage-order.js';
import { RecordLegalStageService } from './record-legal-stage.service.js';

const DATE_MESSAGE = { message: '$property must be a date, YYYY-MM-DD' };

export class PoliceReportBody {
  /** Nomor laporan polisi, e.g. LP/B/123/III/2026/SPKT/POLRESTA TANJUNGPINANG. */
  @IsString()
  @MinLength(3)
  @MaxLength(100)
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u, { message: 'reportNumber may hold letters, digits, spaces, . / and -' })
  reportNumber: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  reportedOn: string;
}

export class StageBody {
  @IsIn(LATER_STAGES)
  stage: (typeof LATER_STAGES)[number];

  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  occurredOn: string;

  /** Required for a verdict, refused for any other stage. */
  @IsOptional()
  @IsIn(VERDICT_OUTCOMES)
  outcome?: VerdictOutcome;
}

/** The criminal case: police report, stages, verdict. */
@Controller()
export class RecordLegalStageHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: RecordLegalStageService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/police-report')
  @HttpCode(200)
  policeReport(@Param('id', ParseUUIDPipe) id: string, @Body() body: PoliceReportBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.cases.policeReport(tx, id, body, staff));
  }

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/stages')
  @HttpCode(200)
  stage(@Param('id', ParseUUIDPipe) id: string, @Body() body: StageBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.cases.stage(tx, id, body, staff));
  }
}
