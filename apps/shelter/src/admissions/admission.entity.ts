import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SealedColumnsOf } from '@rujukan/messaging';

export const DISCHARGE_DESTINATIONS = ['home', 'family', 'another-shelter', 'repatriation', 'other'] as const;
export type DischargeDestination = (typeof DISCHARGE_DESTINATIONS)[number];

/** A referred victim's stay at the safe house. */
@Entity({ name: 'admission' })
export class Admission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid', unique: true })
  referralId: string;

  @Column({ name: 'admitted_at', type: 'timestamptz', default: () => 'now()' })
  admittedAt: Date;

  /** The room she sleeps in (null only while the shelter has registered no rooms). */
  @Column({ name: 'room_id', type: 'uuid', nullable: true })
  roomId: string | null;

  @Column({ name: 'safety_plan', type: 'text', nullable: true })
  safetyPlan: string | null;

  @Column({ name: 'discharged_at', type: 'timestamptz', nullable: true })
  dischargedAt: Date | null;

  @Column({ name: 'discharge_destination', type: 'text', nullable: true })
  dischargeDestination: DischargeDestination | null;
}

/** Her safety plan is sealed with her referral's data key (the destination is a code, counted as it is). */
export const SEALED_ADMISSION: SealedColumnsOf<Admission> = { entity: Admission, subject: 'referralId', text: ['safetyPlan'] };
