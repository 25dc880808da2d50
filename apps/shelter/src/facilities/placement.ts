import type { Sex } from '@rujukan/contracts';
import type { RoomAgeGroup } from './facility.entities.js';

export interface RoomOccupancy {
  id: string;
  facilityId: string;
  sex: Sex;
  ageGroup: RoomAgeGroup;
  beds: number;
  occupied: number;
}

export interface PlacedPerson {
  sex?: Sex;
  ageYears?: number;
}

/** The room group a person may sleep in: same sex, and children (under 18) apart from adults. */
export function roomGroupFor(person: PlacedPerson): { sex: Sex; ageGroup: RoomAgeGroup } | null {
  if (!person.sex || person.ageYears === undefined) return null;
  return { sex: person.sex, ageGroup: person.ageYears < 18 ? 'child' : 'adult' };
}

/**
 * Why `room` cannot take `person`, or null when it can. Used both for the
 * automatic choice and for a room a staff member picks herself.
 */
export function placementProblem(person: PlacedPerson, room: RoomOccupancy): string | null {
  const group = roomGroupFor(person);
  if (!group) return 'the referral gives no sex or age, so no room can be chosen safely';
  if (room.sex !== group.sex) return `the room is for ${room.sex === 'female' ? 'women and girls' : 'men and boys'}`;
  if (room.ageGroup !== group.ageGroup) {
    return group.ageGroup === 'child' ? 'a child is never placed in a room with adults' : 'an adult is never placed in a children’s room';
  }
  if (room.occupied >= room.beds) return 'the room has no free bed';
  return null;
}

/** The first room (fewest free beds first, to keep big rooms for groups) that can take the person. */
export function chooseRoom(person: PlacedPerson, rooms: readonly RoomOccupancy[]): RoomOccupancy | null {
  const fitting = rooms.filter((r) => placementProblem(person, r) === null);
  fitting.sort((a, b) => a.beds - a.occupied - (b.beds - b.occupied) || a.id.localeCompare(b.id));
  return fitting[0] ?? null;
}

/** Places and free places over all rooms. */
export function capacityOf(rooms: readonly RoomOccupancy[]): { places: number; free: number } {
  const places = rooms.reduce((n, r) => n + r.beds, 0);
  return { places, free: places - rooms.reduce((n, r) => n + Math.min(r.occupied, r.beds), 0) };
}

/** Places and free places per room group (`female-child` ...), for the directory. */
export function capacityByGroup(rooms: readonly RoomOccupancy[]): Record<string, { places: number; free: number }> {
  const groups: Record<string, RoomOccupancy[]> = {};
  for (const r of rooms) (groups[`${r.sex}-${r.ageGroup}`] ??= []).push(r);
  return Object.fromEntries(
    Object.entries(groups)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, rs]) => [k, capacityOf(rs)]),
  );
}
