import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SessionKind } from './rehabilitation-rules.js';

/** A counselling or spiritual guidance session held under a referral. */
@Entity({ name: 'rehabilitation_session' })
export class RehabilitationSession {
  /** Also the service record's id in reporting. */
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ type: 'text' })
  kind: SessionKind;

  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes: number;

  /** Counsellor, psychologist or spiritual guide (rohaniwan) who held it: staff id. */
  @Column({ name: 'counsellor_id', type: 'text' })
  counsellorId: string;

  /** Session notes: kept in this node only, never in an event. */
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
