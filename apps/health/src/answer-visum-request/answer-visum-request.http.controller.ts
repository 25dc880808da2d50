import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { VISUM_DECLINE_REASONS, type VisumDeclineReason } from '@rujukan/contracts';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { AnswerVisumRequestService } from './answer-visum-request.service.js';
import { ApiProperty } from '@nestjs/swagger';

const DATE_MESSAGE = { message: '$property must be a date, YYYY-MM-DD' };

export class IssueVisumBody {
  /** The report's number in this agency's register. */
  @IsString()
  @MinLength(3)
  @MaxLength(100)
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u, { message: 'referenceNumber may hold letters, digits, spaces, . / and -' })
  referenceNumber: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  issuedOn: string;
}

export class DeclineVisumBody {
  @IsIn(VISUM_DECLINE_REASONS)
  reason: VisumDeclineReason;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @ApiProperty({ example: 'Korban belum pernah diperiksa di rumah sakit ini.' })
  note?: string;
}

/** Visum et repertum requests from legal-aid agencies: issue (reference only) or decline. */
@Controller('visum-requests')
export class AnswerVisumRequestHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly visum: AnswerVisumRequestService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'visum-request', action: 'write', param: 'id' })
  @Post(':id/issue')
  @HttpCode(200)
  issue(@Param('id', ParseUUIDPipe) id: string, @Body() body: IssueVisumBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.visum.issue(tx, id, body, staff));
  }

  @Allow(REFERRAL_STAFF, { resource: 'visum-request', action: 'write', param: 'id' })
  @Post(':id/decline')
  @HttpCode(200)
  decline(@Param('id', ParseUUIDPipe) id: string, @Body() body: DeclineVisumBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.visum.decline(tx, id, body, staff));
  }
}
