import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { LegBody } from '../repatriation/leg-body.dto.js';
import { PlanJourneyService } from './plan-journey.service.js';
import { ApiProperty } from '@nestjs/swagger';

export class JourneyBody {
  /** ISO 3166 code where she comes from (MY, SG, KH ...); ID when from another region. */
  @Matches(/^[A-Z]{2}$/, { message: 'originCountry must be an ISO 3166 country code (MY, ID ...)' })
  originCountry: string;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @ApiProperty({ example: 'Desa Sakra, Kabupaten Lombok Timur' })
  originPlace: string;

  /** Required from abroad, e.g. "Pelabuhan Sri Bintan Pura, Tanjungpinang". */
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @ApiProperty({ example: 'Pelabuhan Sri Bintan Pura, Tanjungpinang' })
  portOfEntry?: string;

  /** Escorting officer's staff id; default: whoever plans it. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  escortId?: string;

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @ApiProperty({ example: 'Kabupaten Lombok Timur' })
  destinationDistrict: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LegBody)
  legs?: LegBody[];
}

@Controller()
export class PlanJourneyHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly journeys: PlanJourneyService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/journey')
  @HttpCode(201)
  plan(@Param('id', ParseUUIDPipe) id: string, @Body() body: JourneyBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.journeys.plan(tx, id, body, staff));
  }
}
