import { Injectable } from '@nestjs/common';
import type { Sex } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { Facility, Room, type FacilityKind, type RoomAgeGroup } from './facility.entities.js';

/** Writes to `facility` and `facility_room`. */
@Injectable()
export class FacilityRepository {
  create(tx: Transaction, f: { name: string; kind: FacilityKind; district: string }): Promise<Facility> {
    const repo = tx.manager.getRepository(Facility);
    return repo.save(repo.create(f));
  }

  exists(tx: Transaction, facilityId: string): Promise<boolean> {
    return tx.manager.getRepository(Facility).existsBy({ id: facilityId });
  }

  hasRoomNamed(tx: Transaction, facilityId: string, name: string): Promise<boolean> {
    return tx.manager.getRepository(Room).existsBy({ facilityId, name });
  }

  addRoom(tx: Transaction, facilityId: string, r: { name: string; sex: Sex; ageGroup: RoomAgeGroup; beds: number }): Promise<Room> {
    const repo = tx.manager.getRepository(Room);
    return repo.save(repo.create({ facilityId, ...r }));
  }
}
