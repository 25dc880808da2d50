import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import {
  HARM_RISK_LEVELS,
  PSYCHOSOCIAL_CONCERNS,
  type HarmRiskLevel,
  type PsychosocialConcern,
} from '../rehabilitation/psychosocial-assessment.entity.js';
import { DAY, REFERRAL_STAFF } from '@rujukan/service-node';
import { RecordAssessmentService } from './record-assessment.service.js';
import { ApiProperty } from '@nestjs/swagger';

export class AssessBody {
  @Matches(DAY, { message: 'assessedOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  assessedOn: string;

  /** Staff id of the psychologist or social worker; default: whoever records it. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  counsellorId?: string;

  @IsIn(HARM_RISK_LEVELS)
  riskLevel: HarmRiskLevel;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PSYCHOSOCIAL_CONCERNS.length)
  @ArrayUnique()
  @IsIn(PSYCHOSOCIAL_CONCERNS, { each: true })
  concerns?: PsychosocialConcern[];

  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  @ApiProperty({ example: 'Gejala trauma sedang; korban sulit tidur dan menghindari keramaian.' })
  findings: string;
}

@Controller()
export class RecordAssessmentHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly assessments: RecordAssessmentService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/assessment')
  @HttpCode(201)
  assess(@Param('id', ParseUUIDPipe) id: string, @Body() body: AssessBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.assessments.assess(tx, id, body, staff));
  }
}
