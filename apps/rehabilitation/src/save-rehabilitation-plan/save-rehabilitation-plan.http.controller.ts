import { Body, Controller, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { DAY, REFERRAL_STAFF } from '@rujukan/service-node';
import { SaveRehabilitationPlanService } from './save-rehabilitation-plan.service.js';
import { ApiProperty } from '@nestjs/swagger';

export class PlanBody {
  /** What she wants to reach, in a few words each (e.g. "sleeps through the night"). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(3, { each: true })
  @MaxLength(500, { each: true })
  @ApiProperty({ example: ['Korban kembali tidur nyenyak', 'Korban berani keluar rumah sendiri'] })
  goals: string[];

  @IsInt()
  @Min(1)
  @Max(100)
  plannedSessions: number;

  @IsOptional()
  @Matches(DAY, { message: 'reviewOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  reviewOn?: string;
}

@Controller()
export class SaveRehabilitationPlanHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: SaveRehabilitationPlanService,
  ) {}

  /** 201 when made, 200 when revised. */
  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Put('referrals/:id/rehabilitation-plan')
  async save(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PlanBody,
    @CurrentStaff() staff: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { plan, created } = await this.uow.run((tx) => this.plans.save(tx, id, body, staff));
    res.status(created ? 201 : 200);
    return plan;
  }
}
