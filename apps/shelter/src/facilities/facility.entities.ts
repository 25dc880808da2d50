import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Sex } from '@rujukan/contracts';

export const FACILITY_KINDS = ['temporary-shelter', 'safe-house'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];
/** Children and adults sleep apart: a child is never placed with unrelated adults. */
export const ROOM_AGE_GROUPS = ['child', 'adult'] as const;
export type RoomAgeGroup = (typeof ROOM_AGE_GROUPS)[number];

/** A shelter or safe house the agency runs (its address stays off every event). */
@Entity({ name: 'facility' })
export class Facility {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: FacilityKind;

  @Column({ type: 'text' })
  district: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

/** A room with beds for one sex and one age group. */
@Entity({ name: 'facility_room' })
export class Room {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'facility_id', type: 'uuid' })
  facilityId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  sex: Sex;

  @Column({ name: 'age_group', type: 'text' })
  ageGroup: RoomAgeGroup;

  @Column({ type: 'int' })
  beds: number;
}
