import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { LegalCaseService } from './legal-case.service.js';
import { LATER_STAGES, LEGAL_STAGES, VERDICT_OUTCOMES, type LegalStage, type VerdictOutcome } from './stage-order.js';

const STAFF = ['case-worker', 'supervisor'] as const;
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

export class LegalCaseListQuery {
  @IsOptional()
  @IsIn(LEGAL_STAGES)
  stage?: LegalStage;
}

/** The criminal case: police report, stages, verdict. */
@Controller()
export class LegalCaseHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: LegalCaseService,
  ) {}

  @Allow(STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/police-report')
  @HttpCode(200)
  policeReport(@Param('id', ParseUUIDPipe) id: string, @Body() body: PoliceReportBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.cases.policeReport(tx, id, body, staff));
  }

  @Allow(STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/stages')
  @HttpCode(200)
  stage(@Param('id', ParseUUIDPipe) id: string, @Body() body: StageBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.cases.stage(tx, id, body, staff));
  }

  @Allow(STAFF, { resource: 'referral', action: 'read', param: 'id' })
  @Get('referrals/:id/legal-case')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.cases.get(tx, id));
  }

  @Allow(STAFF, { resource: 'legal-case', action: 'read' })
  @Get('legal-cases')
  list(@Query() query: LegalCaseListQuery, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.cases.list(tx, staff, query.stage));
  }
}
