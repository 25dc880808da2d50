import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { DAY, REFERRAL_STAFF } from '@rujukan/service-node';
import { ReintegrationPlansQuery } from '../queries/reintegration-plans.query.js';
import { REINTEGRATION_AREAS, REINTEGRATION_RESULTS, type ReintegrationArea, type ReintegrationResult } from './reintegration-rules.js';
import { ReintegrationPlanService } from './reintegration-plan.service.js';

export class PlanComponentBody {
  @IsIn(REINTEGRATION_AREAS)
  area: ReintegrationArea;

  /** e.g. "reconciled with her parents", "back in SMP class 8", "runs a food stall with the KUBE grant". */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(3, { each: true })
  @MaxLength(500, { each: true })
  goals: string[];
}

export class PlanBody {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(REINTEGRATION_AREAS.length)
  @ValidateNested({ each: true })
  @Type(() => PlanComponentBody)
  components: PlanComponentBody[];
}

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
  outcome: string;
}

export class CompletePlanBody {
  @IsIn(REINTEGRATION_RESULTS)
  result: ReintegrationResult;

  /** Goes to the referring unit with the completion. */
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note: string;

  @IsOptional()
  @Matches(DAY, { message: 'completedOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  completedOn?: string;
}

export class PlansQuery {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  completed?: boolean;
}

@Controller()
export class ReintegrationPlanHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly views: ReintegrationPlansQuery,
    private readonly plans: ReintegrationPlanService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/reintegration-plan')
  @HttpCode(201)
  make(@Param('id', ParseUUIDPipe) id: string, @Body() body: PlanBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.plans.make(tx, id, body.components, staff));
  }

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'read' })
  @Get('reintegration-plans')
  list(@Query() query: PlansQuery, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.views.list(tx, staff, query.completed ?? false));
  }

  @Allow(REFERRAL_STAFF, { resource: 'reintegration-plan', action: 'read', param: 'id' })
  @Get('reintegration-plans/:id')
  view(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.views.view(tx, id));
  }

  @Allow(REFERRAL_STAFF, { resource: 'reintegration-plan', action: 'write', param: 'id' })
  @Put('reintegration-plans/:id')
  @HttpCode(200)
  revise(@Param('id', ParseUUIDPipe) id: string, @Body() body: PlanBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.plans.revise(tx, id, body.components, staff));
  }

  @Allow(REFERRAL_STAFF, { resource: 'reintegration-plan', action: 'write', param: 'id' })
  @Post('reintegration-plans/:id/visits')
  @HttpCode(201)
  visit(@Param('id', ParseUUIDPipe) id: string, @Body() body: VisitBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.plans.visit(tx, id, body, staff));
  }

  @Allow(REFERRAL_STAFF, { resource: 'reintegration-plan', action: 'write', param: 'id' })
  @Post('reintegration-plans/:id/complete')
  @HttpCode(200)
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() body: CompletePlanBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.plans.complete(tx, id, body, staff));
  }
}
