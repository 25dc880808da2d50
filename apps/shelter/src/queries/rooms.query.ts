import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Sex } from '@rujukan/contracts';
import type { RoomAgeGroup } from '../facilities/facility.entities.js';
import { capacityByGroup, capacityOf, type RoomOccupancy } from '../facilities/placement.js';

/** Rooms with the beds taken now; occupancy is counted from the admissions, never kept apart. */
@Injectable()
export class RoomsQuery {
  /** Every room with its beds taken now. `lock`: placements are serialised so two admissions never take one bed. */
  async rooms(db: EntityManager, lock = false): Promise<RoomOccupancy[]> {
    if (lock) await db.query(`SELECT id FROM facility_room ORDER BY id FOR UPDATE`);
    const rows: Array<{ id: string; facility_id: string; sex: Sex; age_group: RoomAgeGroup; beds: number; occupied: string }> =
      await db.query(
        `SELECT r.id, r.facility_id, r.sex, r.age_group, r.beds,
              (SELECT count(*) FROM admission a WHERE a.room_id = r.id AND a.discharged_at IS NULL) AS occupied
       FROM facility_room r ORDER BY r.id`,
      );
    return rows.map((r) => ({
      id: r.id,
      facilityId: r.facility_id,
      sex: r.sex,
      ageGroup: r.age_group,
      beds: r.beds,
      occupied: Number(r.occupied),
    }));
  }

  /** Places and free places, or undefined while the agency has registered no rooms (capacity unknown): what the directory shows. */
  async capacity(
    db: EntityManager,
  ): Promise<{ places: number; free: number; groups: Record<string, { places: number; free: number }> } | undefined> {
    const rooms = await this.rooms(db);
    return rooms.length ? { ...capacityOf(rooms), groups: capacityByGroup(rooms) } : undefined;
  }
}
