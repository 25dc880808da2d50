import { Inject, Injectable } from '@nestjs/common';
import type { Sex } from '@rujukan/contracts';
import { SERVICE_NODE_SETTINGS, type ServiceNodeSettings } from '@rujukan/service-node';
import type { Transaction } from '@rujukan/messaging';
import { Facility, Room, type RoomAgeGroup } from '../facilities/facility.entities.js';
import { capacityOf } from '../facilities/placement.js';
import { RoomsQuery } from './rooms.query.js';

/** The facilities with their rooms and beds, and the daily occupancy report. */
@Injectable()
export class FacilitiesQuery {
  constructor(
    private readonly rooms: RoomsQuery,
    @Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings,
  ) {}

  async list(tx: Transaction) {
    const facilities = await tx.manager.getRepository(Facility).find({ order: { name: 'ASC' } });
    const rooms = await tx.manager.getRepository(Room).find({ order: { name: 'ASC' } });
    const occupied = new Map((await this.rooms.rooms(tx.manager)).map((r) => [r.id, r.occupied]));
    return facilities.map((f) => {
      const own = rooms
        .filter((r) => r.facilityId === f.id)
        .map((r) => ({ ...r, occupied: occupied.get(r.id) ?? 0, free: r.beds - (occupied.get(r.id) ?? 0) }));
      return { ...f, rooms: own, ...capacityOf(own) };
    });
  }

  /** Beds occupied on a day (in the node's zone) per room: the daily occupancy report. */
  async occupancy(tx: Transaction, day: string) {
    const rows: Array<{
      facility_id: string;
      facility: string;
      room_id: string;
      room: string;
      sex: Sex;
      age_group: RoomAgeGroup;
      beds: number;
      occupied: string;
    }> = await tx.manager.query(
      `SELECT f.id AS facility_id, f.name AS facility, r.id AS room_id, r.name AS room, r.sex, r.age_group, r.beds,
                (SELECT count(*) FROM admission a WHERE a.room_id = r.id
                   AND a.admitted_at < (($1::date + 1)::timestamp AT TIME ZONE $2)
                   AND (a.discharged_at IS NULL OR a.discharged_at >= ($1::date::timestamp AT TIME ZONE $2))) AS occupied
         FROM facility_room r JOIN facility f ON f.id = r.facility_id ORDER BY f.name, r.name`,
      [day, this.settings.timeZone],
    );
    return {
      date: day,
      timeZone: this.settings.timeZone,
      rooms: rows.map((r) => ({
        facilityId: r.facility_id,
        facility: r.facility,
        roomId: r.room_id,
        room: r.room,
        sex: r.sex,
        ageGroup: r.age_group,
        beds: r.beds,
        occupied: Number(r.occupied),
      })),
      total: { beds: rows.reduce((n, r) => n + r.beds, 0), occupied: rows.reduce((n, r) => n + Number(r.occupied), 0) },
    };
  }
}
