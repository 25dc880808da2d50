import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { EXAMINATION_KINDS, HOSPITAL_REFERRAL_REASONS, TREATMENT_KINDS, VISIT_SETTINGS } from '../health-records/health-record.entity.js';
import { RecordCareService } from './record-care.service.js';
import { ApiProperty } from '@nestjs/swagger';

const STAFF = ['case-worker', 'supervisor'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: '$property must be a date, YYYY-MM-DD' };

export class VisitBody {
  @Matches(DATE, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  visitedOn: string;

  @IsIn(VISIT_SETTINGS)
  setting: (typeof VISIT_SETTINGS)[number];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiProperty({ example: 'Korban datang diantar pendamping UPTD PPA; keluhan nyeri perut.' })
  notes?: string;
}

export class ExaminationBody {
  @Matches(DATE, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  examinedOn: string;

  @IsIn(EXAMINATION_KINDS)
  kind: (typeof EXAMINATION_KINDS)[number];

  /** Clinical findings: kept here, never sent. */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @ApiProperty({ example: 'Memar di lengan kiri dan punggung, berusia sekitar tiga hari.' })
  findings?: string;
}

export class TreatmentBody {
  @Matches(DATE, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  treatedOn: string;

  @IsIn(TREATMENT_KINDS)
  kind: (typeof TREATMENT_KINDS)[number];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiProperty({ example: 'Diberi obat pereda nyeri dan salep; kontrol tiga hari lagi.' })
  notes?: string;
}

export class HospitalReferralBody {
  @Matches(DATE, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  referredOn: string;

  /** The hospital's agency id (a health node in the directory). */
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  toAgencyId: string;

  @IsIn(HOSPITAL_REFERRAL_REASONS)
  reason: (typeof HOSPITAL_REFERRAL_REASONS)[number];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiProperty({ example: 'Dirujuk ke RSUD Raja Ahmad Tabib untuk pemeriksaan radiologi.' })
  notes?: string;
}

export class PsychologicalFirstAidBody {
  @Matches(DATE, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  givenOn: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiProperty({ example: 'Korban ditenangkan dan didengarkan; diberi kontak layanan SAPA 129.' })
  notes?: string;
}

/** The health agency's record of a referred victim's care. */
@Controller('referrals')
export class RecordCareHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly records: RecordCareService,
  ) {}

  @Allow(STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/visits')
  @HttpCode(201)
  visit(@Param('id', ParseUUIDPipe) id: string, @Body() body: VisitBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) =>
      this.records.record(
        tx,
        id,
        { activity: 'health-visit', occurredOn: body.visitedOn, kind: body.setting, notes: body.notes },
        staff,
        'visitedOn',
      ),
    );
  }

  @Allow(STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/examinations')
  @HttpCode(201)
  examination(@Param('id', ParseUUIDPipe) id: string, @Body() body: ExaminationBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) =>
      this.records.record(
        tx,
        id,
        { activity: 'medical-examination', occurredOn: body.examinedOn, kind: body.kind, notes: body.findings },
        staff,
        'examinedOn',
      ),
    );
  }

  @Allow(STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/treatments')
  @HttpCode(201)
  treatment(@Param('id', ParseUUIDPipe) id: string, @Body() body: TreatmentBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) =>
      this.records.record(
        tx,
        id,
        { activity: 'medical-treatment', occurredOn: body.treatedOn, kind: body.kind, notes: body.notes },
        staff,
        'treatedOn',
      ),
    );
  }

  @Allow(STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/hospital-referrals')
  @HttpCode(201)
  hospitalReferral(@Param('id', ParseUUIDPipe) id: string, @Body() body: HospitalReferralBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) =>
      this.records.record(
        tx,
        id,
        { activity: 'hospital-referral', occurredOn: body.referredOn, kind: body.reason, toAgencyId: body.toAgencyId, notes: body.notes },
        staff,
        'referredOn',
      ),
    );
  }

  @Allow(STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post(':id/psychological-first-aid')
  @HttpCode(201)
  psychologicalFirstAid(@Param('id', ParseUUIDPipe) id: string, @Body() body: PsychologicalFirstAidBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) =>
      this.records.record(tx, id, { activity: 'psychological-first-aid', occurredOn: body.givenOn, notes: body.notes }, staff, 'givenOn'),
    );
  }
}
