import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Sex } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import type { Facility, FacilityKind, Room, RoomAgeGroup } from '../facilities/facility.entities.js';
import { FacilityRepository } from '../facilities/facility.repository.js';

/** Facilities, and the rooms with beds in them. */
@Injectable()
export class RegisterFacilityService {
  constructor(private readonly facilities: FacilityRepository) {}

  create(tx: Transaction, f: { name: string; kind: FacilityKind; district: string }): Promise<Facility> {
    return this.facilities.create(tx, f);
  }

  /** A room's name is unique within its facility. */
  async addRoom(tx: Transaction, facilityId: string, r: { name: string; sex: Sex; ageGroup: RoomAgeGroup; beds: number }): Promise<Room> {
    if (!(await this.facilities.exists(tx, facilityId))) throw new NotFoundException(`no facility ${facilityId}`);
    if (await this.facilities.hasRoomNamed(tx, facilityId, r.name))
      throw new ConflictException(`the facility has a room named ${r.name} already`);
    return this.facilities.addRoom(tx, facilityId, r);
  }
}
