import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { VISUM_KINDS, type VisumKind } from '@rujukan/contracts';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { VISUM_STATES, type VisumState } from './visum-request.entity.js';
import { VisumService } from './visum.service.js';

const STAFF = ['case-worker', 'supervisor'] as const;
const DATE_MESSAGE = { message: '$property must be a date, YYYY-MM-DD' };

export class RequestVisumBody {
  /** The health agency (a health node in the directory: GET /health-agencies). */
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  healthAgencyId: string;

  @IsIn(VISUM_KINDS)
  kind: VisumKind;

  /** The investigator's request letter number (surat permintaan visum). */
  @IsString()
  @MinLength(3)
  @MaxLength(100)
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u, { message: 'letterNumber may hold letters, digits, spaces, . / and -' })
  letterNumber: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  requestedOn: string;
}

export class VisumListQuery {
  @IsOptional()
  @IsIn(VISUM_STATES)
  state?: VisumState;
}

/** Requests for a visum et repertum and their answers. */
@Controller()
export class VisumHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly visum: VisumService,
  ) {}

  @Allow(STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/visum-requests')
  @HttpCode(201)
  request(@Param('id', ParseUUIDPipe) id: string, @Body() body: RequestVisumBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.visum.request(tx, id, body, staff));
  }

  @Allow(STAFF, { resource: 'visum-request', action: 'read' })
  @Get('visum-requests')
  list(@Query() query: VisumListQuery, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.visum.list(tx, staff, query.state));
  }

  /** The health agencies staff may ask (from the directory). */
  @Allow(STAFF, { resource: 'agency', action: 'read' })
  @Get('health-agencies')
  healthAgencies() {
    return this.visum.healthAgencies();
  }
}
