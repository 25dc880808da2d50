import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { DirectoryAnnouncer, UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { AdmitResidentService } from './admit-resident.service.js';
import { ApiProperty } from '@nestjs/swagger';

export class AdmitBody {
  /** Who may visit or call, what to do if the perpetrator comes: every admission has one. */
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  @ApiProperty({ example: 'Tidak menerima tamu; pelaku tidak boleh mengetahui alamat rumah aman.' })
  safetyPlan: string;

  /** A room chosen by staff; left out, the first room that fits her is taken. */
  @IsOptional()
  @IsUUID()
  roomId?: string;
}

@Controller()
export class AdmitResidentHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly admissions: AdmitResidentService,
    private readonly announcer: DirectoryAnnouncer,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/admit')
  @HttpCode(201)
  async admit(@Param('id', ParseUUIDPipe) id: string, @Body() body: AdmitBody, @CurrentStaff() staff: Principal) {
    const admission = await this.uow.run((tx) => this.admissions.admit(tx, id, staff, body.safetyPlan, body.roomId));
    void this.announcer.announce(); // one place fewer
    return admission;
  }
}
