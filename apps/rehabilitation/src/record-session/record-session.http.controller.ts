import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { DAY, REFERRAL_STAFF } from '@rujukan/service-node';
import { SESSION_KINDS, type SessionKind } from '../rehabilitation/rehabilitation-rules.js';
import { RecordSessionService } from './record-session.service.js';
import { ApiProperty } from '@nestjs/swagger';

export class SessionBody {
  /** counselling under a social-rehabilitation referral, spiritual-guidance under a spiritual-guidance one. */
  @IsIn(SESSION_KINDS)
  kind: SessionKind;

  @Matches(DAY, { message: 'heldOn must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  heldOn: string;

  @IsInt()
  @Min(10)
  @Max(480)
  durationMinutes: number;

  /** Staff id of who held it; default: whoever records it. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  counsellorId?: string;

  /** Kept in this node only. */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @ApiProperty({ example: 'Sesi konseling kedua: korban mulai bercerita tentang kejadian; rasa takut berkurang.' })
  notes?: string;
}

@Controller()
export class RecordSessionHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: RecordSessionService,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/sessions')
  @HttpCode(201)
  record(@Param('id', ParseUUIDPipe) id: string, @Body() body: SessionBody, @CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.sessions.record(tx, id, body, staff));
  }
}
