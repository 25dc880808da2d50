import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { DirectoryAnnouncer, UnitOfWork } from '@rujukan/messaging';
import { DISCHARGE_DESTINATIONS, type DischargeDestination } from './admission.entity.js';
import { AdmissionsService } from './admissions.service.js';

const STAFF = ['case-worker', 'supervisor'] as const;

export class AdmitBody {
  /** Who may visit or call, what to do if the perpetrator comes: every admission has one. */
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  safetyPlan: string;

  /** A room chosen by staff; left out, the first room that fits her is taken. */
  @IsOptional()
  @IsUUID()
  roomId?: string;
}

export class DischargeBody {
  @IsIn(DISCHARGE_DESTINATIONS)
  destination: DischargeDestination;

  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note: string;
}

@Controller()
export class AdmissionsHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly admissions: AdmissionsService,
    private readonly announcer: DirectoryAnnouncer,
  ) {}

  @Allow(STAFF, { resource: 'referral', action: 'write', param: 'id' })
  @Post('referrals/:id/admit')
  @HttpCode(201)
  async admit(@Param('id', ParseUUIDPipe) id: string, @Body() body: AdmitBody, @CurrentStaff() staff: Principal) {
    const admission = await this.uow.run((tx) => this.admissions.admit(tx, id, staff, body.safetyPlan, body.roomId));
    void this.announcer.announce(); // one place fewer
    return admission;
  }

  @Allow(STAFF, { resource: 'admission', action: 'write', param: 'id' })
  @Post('admissions/:id/discharge')
  @HttpCode(200)
  async discharge(@Param('id', ParseUUIDPipe) id: string, @Body() body: DischargeBody, @CurrentStaff() staff: Principal) {
    const admission = await this.uow.run((tx) => this.admissions.discharge(tx, id, body.destination, body.note, staff));
    void this.announcer.announce(); // one place more
    return admission;
  }

  @Allow(STAFF, { resource: 'admission', action: 'read' })
  @Get('admissions')
  list(@CurrentStaff() staff: Principal) {
    return this.uow.run((tx) => this.admissions.list(tx, staff));
  }
}
