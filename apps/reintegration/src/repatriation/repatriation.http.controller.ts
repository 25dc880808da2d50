import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { RepatriationJourneysQuery } from '../queries/journeys.query.js';
import {
  FAMILY_RELATIONS,
  HANDOVER_RECIPIENTS,
  JOURNEY_STATES,
  TRAVEL_MODES,
  type FamilyRelation,
  type HandoverRecipient,
  type JourneyState,
  type TravelMode,
} from './journey-rules.js';
import { RepatriationService } from './repatriation.service.js';

export class LegBody {
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  fromPlace: string;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  toPlace: string;

  @IsIn(TRAVEL_MODES)
  mode: TravelMode;

  @Matches(DAY, { message: 'departOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  departOn: string;

  @IsOptional()
  @Matches(DAY, { message: 'arriveOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  arriveOn?: string;
}

export class JourneyBody {
  /** ISO 3166 code where she comes from (MY, SG, KH ...); ID when from another region. */
  @Matches(/^[A-Z]{2}$/, { message: 'originCountry must be an ISO 3166 country code (MY, ID ...)' })
  originCountry: string;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  originPlace: string;

  /** Required from abroad, e.g. "Pelabuhan Sri Bintan Pura, Tanjungpinang". */
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
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
  destinationDistrict: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LegBody)
  legs?: LegBody[];
}

export class AddLegsBody {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LegBody)
  legs: LegBody[];
}

export class StartJourneyBody {
  /** Default: today. */
  @IsOptional()
  @Matches(DAY, { message: 'startedOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startedOn?: string;
}

export class HandOverBody {
  @IsIn(HANDOVER_RECIPIENTS)
  to: HandoverRecipient;

  /** The receiving agency (origin district's UPTD PPA, Dinas Sosial), when `to` is agency. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agencyId?: string;

  /** When `to` is family. */
  @IsOptional()
  @IsIn(FAMILY_RELATIONS)
  familyRelation?: FamilyRelation;

  /** Who signed the hand-over record (berita acara serah terima): kept here only. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  receivedBy?: string;

  /** Default: now. */
  @IsOptional()
  @IsISO8601({ strict: true })
  handedOverAt?: string;

  /** Goes to the referring unit with the completion. */
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note: string;
}

export class JourneysQuery {
  @IsOptional()
  @IsIn(JOURNEY_STATES)
  state?: JourneyState;
}

@Controller()
export class RepatriationHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly views: RepatriationJourneysQuery,
    private readonly repatriation: RepatriationService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/journey')
  @HttpCode(201)
  plan(@Param('id', ParseUUIDPipe) id: string, @Body() body: JourneyBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.repatriation.plan(tx, id, body, staff));
  }

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'read' })
  @Get('journeys')
  list(@Query() query: JourneysQuery, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.views.list(tx, staff, query.state));
  }

  @Allow(REFERRAL_STAFF, { resource: 'journey', action: 'read', param: 'id' })
  @Get('journeys/:id')
  view(@Param('id', ParseUUIDPipe) id: string) {
    return this.uow.run((tx) => this.views.view(tx, id));
  }

  @Allow(REFERRAL_STAFF, { resource: 'journey', action: 'write', param: 'id' })
  @Post('journeys/:id/legs')
  @HttpCode(201)
  addLegs(@Param('id', ParseUUIDPipe) id: string, @Body() body: AddLegsBody) {
    return this.uow.run((tx) => this.repatriation.addLegs(tx, id, body.legs));
  }

  @Allow(REFERRAL_STAFF, { resource: 'journey', action: 'write', param: 'id' })
  @Post('journeys/:id/start')
  @HttpCode(200)
  start(@Param('id', ParseUUIDPipe) id: string, @Body() body: StartJourneyBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.repatriation.start(tx, id, body.startedOn, staff));
  }

  @Allow(REFERRAL_STAFF, { resource: 'journey', action: 'write', param: 'id' })
  @Post('journeys/:id/hand-over')
  @HttpCode(200)
  handOver(@Param('id', ParseUUIDPipe) id: string, @Body() body: HandOverBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.repatriation.handOver(tx, id, body, staff));
  }
}
