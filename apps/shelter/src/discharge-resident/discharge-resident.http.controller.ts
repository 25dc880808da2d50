import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { Allow, CurrentStaff, type Principal } from '@rujukan/auth';
import { DirectoryAnnouncer, UnitOfWork } from '@rujukan/messaging';
import { REFERRAL_STAFF } from '@rujukan/service-node';
import { DISCHARGE_DESTINATIONS, type DischargeDestination } from '../admissions/admission.entity.js';
import { DischargeResidentService } from './discharge-resident.service.js';
import { ApiProperty } from '@nestjs/swagger';

export class DischargeBody {
  @IsIn(DISCHARGE_DESTINATIONS)
  destination: DischargeDestination;

  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  @ApiProperty({ example: 'Kembali ke keluarga di Kabupaten Bintan; rencana reintegrasi dengan Dinas Sosial.' })
  note: string;
}

@Controller()
export class DischargeResidentHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly discharges: DischargeResidentService,
    private readonly announcer: DirectoryAnnouncer,
  ) {}

  @Allow(REFERRAL_STAFF, { resource: 'admission', action: 'write', param: 'id' })
  @Post('admissions/:id/discharge')
  @HttpCode(200)
  async discharge(@Param('id', ParseUUIDPipe) id: string, @Body() body: DischargeBody, @CurrentStaff() staff: Principal) {
    const admission = await this.uow.run((tx) => this.discharges.discharge(tx, id, body.destination, body.note, staff));
    void this.announcer.announce(); // one place more
    return admission;
  }
}
