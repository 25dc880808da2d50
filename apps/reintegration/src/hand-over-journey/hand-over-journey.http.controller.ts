import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { FAMILY_RELATIONS, HANDOVER_RECIPIENTS, type FamilyRelation, type HandoverRecipient } from '../repatriation/journey-rules.js';
import { HandOverJourneyService } from './hand-over-journey.service.js';
import { ApiProperty } from '@nestjs/swagger';

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
  @ApiProperty({ example: 'Bapak Ahmad, Dinas Sosial Kabupaten Lombok Timur' })
  receivedBy?: string;

  /** Default: now. */
  @IsOptional()
  @IsISO8601({ strict: true })
  handedOverAt?: string;

  /** Goes to the referring unit with the completion. */
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  @ApiProperty({ example: 'Diserahkan kepada keluarga di Desa Sakra bersama petugas dinas sosial.' })
  note: string;
}

@Controller()
export class HandOverJourneyHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly journeys: HandOverJourneyService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'journey', action: 'write', param: 'id' })
  @Post('journeys/:id/hand-over')
  @HttpCode(200)
  handOver(@Param('id', ParseUUIDPipe) id: string, @Body() body: HandOverBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.journeys.handOver(tx, id, body, staff));
  }
}
