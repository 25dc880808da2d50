import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import {
  ACCOMPANIMENT_KINDS,
  DIVERSION_LEVELS,
  DIVERSION_RESULTS,
  RESTITUTION_FILED_WITH,
  type AccompanimentKind,
  type DiversionLevel,
  type DiversionResult,
  type RestitutionFiledWith,
} from '../legal-support/legal-support.entities.js';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { RecordLegalSupportService } from './record-legal-support.service.js';
import { ApiProperty } from '@nestjs/swagger';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: '$property must be a date, YYYY-MM-DD' };

export class CounselBody {
  /** The lawyer's (or paralegal's) name: kept here, never sent to another node. */
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @ApiProperty({ example: 'Dewi Lestari, S.H.' })
  counselName: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiProperty({ example: 'LBH APIK Kepulauan Riau' })
  organisation?: string;

  @Matches(DATE, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  assignedOn: string;
}

export class AccompanimentBody {
  @Matches(DATE, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  accompaniedOn: string;

  @IsIn(ACCOMPANIMENT_KINDS)
  kind: AccompanimentKind;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiProperty({ example: 'Didampingi saat pemeriksaan di Unit PPA Polresta Tanjungpinang.' })
  notes?: string;
}

export class RestitutionBody {
  @Matches(DATE, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  filedOn: string;

  @IsIn(RESTITUTION_FILED_WITH)
  filedWith: RestitutionFiledWith;

  /** Rupiah claimed. */
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amountIdr: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiProperty({ example: 'Permohonan restitusi diajukan melalui LPSK.' })
  notes?: string;
}

export class DiversionBody {
  @Matches(DATE, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  heldOn: string;

  @IsIn(DIVERSION_LEVELS)
  level: DiversionLevel;

  @IsIn(DIVERSION_RESULTS)
  result: DiversionResult;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiProperty({ example: 'Musyawarah diversi di Bapas bersama orang tua anak.' })
  notes?: string;
}

/** Legal aid for the victim: counsel, accompaniment, restitution; diversion for a child in conflict with the law. */
@Controller('referrals')
export class RecordLegalSupportHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly support: RecordLegalSupportService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/counsel')
  @HttpCode(201)
  counsel(@Param('id', ParseUUIDPipe) id: string, @Body() body: CounselBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.support.assignCounsel(tx, id, body, staff));
  }

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/accompaniments')
  @HttpCode(201)
  accompaniment(@Param('id', ParseUUIDPipe) id: string, @Body() body: AccompanimentBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.support.accompany(tx, id, body, staff));
  }

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/restitution-claims')
  @HttpCode(201)
  restitution(@Param('id', ParseUUIDPipe) id: string, @Body() body: RestitutionBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.support.claimRestitution(tx, id, body, staff));
  }

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/diversions')
  @HttpCode(201)
  diversion(@Param('id', ParseUUIDPipe) id: string, @Body() body: DiversionBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.support.recordDiversion(tx, id, body, staff));
  }
}
