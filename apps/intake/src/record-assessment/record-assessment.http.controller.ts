import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { RecordAssessmentService } from './record-assessment.service.js';
import { ApiProperty } from '@nestjs/swagger';

const STAFF = ['case-worker', 'supervisor'] as const;

export class AssessmentBody {
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @ApiProperty({ example: 'Luka memar di lengan; tidur terganggu.' })
  biological?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @ApiProperty({ example: 'Cemas dan mudah terkejut sejak kejadian.' })
  psychological?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @ApiProperty({ example: 'Tinggal bersama pelaku; keluarga besar di Lombok Timur mendukung.' })
  social?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @ApiProperty({ example: 'Ingin didampingi pembimbing rohani.' })
  spiritual?: string;

  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  @ApiProperty({ example: 'Saya ingin pulang ke kampung dan anak saya ikut.' })
  needsInOwnWords: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @ApiProperty({ example: 'Pelaku dihukum dan saya bisa bekerja lagi.' })
  expectations?: string;
}

@Controller('cases/:id')
export class RecordAssessmentHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly assessment: RecordAssessmentService,
  ) {}

  @Allow(STAFF, { resource: 'case', action: 'write', param: 'id' })
  @Post('victims/:victimId/assessments')
  @HttpCode(201)
  assess(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('victimId', ParseUUIDPipe) victimId: string,
    @Body() body: AssessmentBody,
    @CurrentStaff() staff: Principal,
  ) {
    return this.uow.run((tx) => this.assessment.assess(tx, id, victimId, body, staff));
  }
}
