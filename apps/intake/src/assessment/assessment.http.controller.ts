import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { SERVICE_TYPES, type ServiceType } from '@rujukan/contracts';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { CasePlanQuery } from '../queries/case-plan.query.js';
import { AssessmentService } from './assessment.service.js';

const STAFF = ['case-worker', 'supervisor'] as const;

export class AssessmentBody {
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  biological?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  psychological?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  social?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  spiritual?: string;

  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  needsInOwnWords: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  expectations?: string;
}

export class PlanBody {
  @IsUUID()
  victimId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsIn(SERVICE_TYPES, { each: true })
  services: ServiceType[];
}

@Controller('cases/:id')
export class AssessmentHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly assessment: AssessmentService,
    private readonly plans: CasePlanQuery,
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

  /** Adds the services a victim needs to the case's plan (a service already planned is kept once). */
  @Allow(STAFF, { resource: 'case', action: 'write', param: 'id' })
  @Post('plan')
  @HttpCode(200)
  addToPlan(@Param('id', ParseUUIDPipe) id: string, @Body() body: PlanBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.assessment.addToPlan(tx, id, body.victimId, body.services, staff));
  }

  /** The plan: each need with its status (met, pending, refused) from the referrals made for it. */
  @Allow(STAFF, { resource: 'case', action: 'read', param: 'id' })
  @Get('plan')
  plan(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.plans.ofCase(tx, id));
  }
}
