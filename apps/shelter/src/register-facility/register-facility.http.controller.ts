import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SEXES, type Sex } from '@rujukan/contracts';
import { Allow } from '@rujukan/auth';
import { DirectoryAnnouncer, UnitOfWork } from '@rujukan/messaging';
import { FACILITY_KINDS, ROOM_AGE_GROUPS, type FacilityKind, type RoomAgeGroup } from '../facilities/facility.entities.js';
import { RegisterFacilityService } from './register-facility.service.js';
import { ApiProperty } from '@nestjs/swagger';

export class CreateFacilityBody {
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @ApiProperty({ example: 'Rumah Aman UPTD PPA Kota Tanjungpinang' })
  name: string;

  @IsIn(FACILITY_KINDS)
  kind: FacilityKind;

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @ApiProperty({ example: 'Kota Tanjungpinang' })
  district: string;
}

export class AddRoomBody {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @ApiProperty({ example: 'Kamar Melati' })
  name: string;

  @IsIn(SEXES)
  sex: Sex;

  @IsIn(ROOM_AGE_GROUPS)
  ageGroup: RoomAgeGroup;

  @IsInt()
  @Min(1)
  @Max(200)
  beds: number;
}

const MANAGERS = ['supervisor', 'agency-admin'] as const;

@Controller('facilities')
export class RegisterFacilityHttpController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly facilities: RegisterFacilityService,
    private readonly announcer: DirectoryAnnouncer,
  ) {}

  @Allow(MANAGERS, { resource: 'facility', action: 'write' })
  @Post()
  @HttpCode(201)
  create(@Body() body: CreateFacilityBody) {
    return this.uow.run((tx) => this.facilities.create(tx, body));
  }

  /** New beds change the free places the directory shows. */
  @Allow(MANAGERS, { resource: 'facility', action: 'write', param: 'id' })
  @Post(':id/rooms')
  @HttpCode(201)
  async addRoom(@Param('id', ParseUUIDPipe) id: string, @Body() body: AddRoomBody) {
    const room = await this.uow.run((tx) => this.facilities.addRoom(tx, id, body));
    void this.announcer.announce();
    return room;
  }
}
