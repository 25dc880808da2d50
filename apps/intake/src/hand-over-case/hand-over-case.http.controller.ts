import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';
import { outgoingView } from '../hand-over/outgoing-hand-over.view.js';
import { HandOverCaseService } from './hand-over-case.service.js';
import { ApiProperty } from '@nestjs/swagger';

export class HandOverBody {
  /** The receiving UPTD PPA's agency id (an intake node in the directory). */
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  toAgencyId: string;

  /** Why the case moves (e.g. the victim lives in that region). */
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  @ApiProperty({ example: 'Korban tinggal di Lombok Timur dan pulang minggu depan' })
  reason: string;

  /** A supervisor may hand over without consent to disclosure on record, giving the reason (recorded). */
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  @ApiProperty({ example: 'Korban anak; persetujuan diberikan oleh wali secara lisan' })
  disclosureOverrideReason?: string;
}

@Controller()
export class HandOverCaseHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly handOver: HandOverCaseService,
  ) {}

  /** Asks another region's UPTD PPA to take the case over; the case stays ours until it accepts. */
  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'write', param: 'id' })
  @Post('cases/:id/handovers')
  @HttpCode(202)
  async request(@Param('id', ParseUUIDPipe) id: string, @Body() body: HandOverBody, @CurrentStaff() staff: Principal) {
    const h = await this.uow.run((tx) => this.handOver.request(tx, id, body, staff));
    return outgoingView(h);
  }
}
