import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { VISUM_KINDS, type VisumKind } from '@rujukan/contracts';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { RequestVisumService } from './request-visum.service.js';

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

/** Requests for a visum et repertum, and whom they may go to. */
@Controller()
export class RequestVisumHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly visum: RequestVisumService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/visum-requests')
  @HttpCode(201)
  request(@Param('id', ParseUUIDPipe) id: string, @Body() body: RequestVisumBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.visum.request(tx, id, body, staff));
  }

  /** The health agencies staff may ask (from the directory). */
  @Allow(REFERRAL_STAFF, { resource: 'agency', action: 'read' })
  @Get('health-agencies')
  healthAgencies() {
    return this.visum.healthAgencies();
  }
}
