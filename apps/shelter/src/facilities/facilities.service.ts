import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Sex } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { SERVICE_NODE_SETTINGS, type ServiceNodeSettings } from '@rujukan/service-node';
import { Facility, Room, type FacilityKind, type RoomAgeGroup } from './facility.entities.js';
import { capacityByGroup, capacityOf, type RoomOccupancy } from './placement.js';

/** Facilities, rooms and beds; occupancy is counted from the admissions, never kept apart. */
@Injectable()
export class FacilitiesService {
  constructor(@Inject(SERVICE_NODE_SETTINGS) private readonly settings: ServiceNodeSettings) {}

  async create(tx: Transaction, f: { name: string; kind: FacilityKind; district: string }): Promise<Facility> {
    const repo = tx.manager.getRepository(Facility);
    return repo.save(repo.create(f));
  }

  async addRoom(tx: Transaction, facilityId: string, r: { name: string; sex: Sex; ageGroup: RoomAgeGroup; beds: number }): Promise<Room> {
    if (!(await tx.manager.getRepository(Facility).existsBy({ id: facilityId }))) throw new NotFoundException(`no facility ${facilityId}`);
    if (await tx.manager.getRepository(Room).existsBy({ facilityId, name: r.name }))
      throw new ConflictException(`the facility has a room named ${r.name} already`);
    const repo = tx.manager.getRepository(Room);
    return repo.save(repo.create({ facilityId, ...r }));
  }

  /** Every room with its beds taken now. `lock`: placements are serialised so two admissions never take one bed. */
  async rooms(manager: EntityManager, lock = false): Promise<RoomOccupancy[]> {
    if (lock) await manager.query(`SELECT id FROM facility_room ORDER BY id FOR UPDATE`);
    const rows: Array<{ id: string; facility_id: string; sex: Sex; age_group: RoomAgeGroup; beds: number; occupied: string }> =
      await manager.query(
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

  /** Places and free places, or undefined while the agency has registered no rooms (capacity unknown). */
  async capacity(
    manager: EntityManager,
  ): Promise<{ places: number; free: number; groups: Record<string, { places: number; free: number }> } | undefined> {
    const rooms = await this.rooms(manager);
    return rooms.length ? { ...capacityOf(rooms), groups: capacityByGroup(rooms) } : undefined;
  }

  async list(tx: Transaction) {
    const facilities = await tx.manager.getRepository(Facility).find({ order: { name: 'ASC' } });
    const rooms = await tx.manager.getRepository(Room).find({ order: { name: 'ASC' } });
    const occupied = new Map((await this.rooms(tx.manager)).map((r) => [r.id, r.occupied]));
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
