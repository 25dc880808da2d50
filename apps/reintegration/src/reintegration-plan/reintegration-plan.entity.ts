import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SealedColumnsOf } from '@rujukan/messaging';
import type { PlanComponent, ReintegrationResult } from './reintegration-rules.js';

/** The social reintegration plan under one referral, and how it ended. */
@Entity({ name: 'reintegration_plan' })
export class ReintegrationPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid', unique: true })
  referralId: string;

  /** Family, school, economic empowerment: which of these, each with its goals. */
  @Column({ type: 'jsonb' })
  components: PlanComponent[];

  @Column({ name: 'made_by', type: 'text' })
  madeBy: string;

  @Column({ name: 'made_at', type: 'timestamptz', default: () => 'now()' })
  madeAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  @Column({ type: 'text', nullable: true })
  result: ReintegrationResult | null;

  @Column({ name: 'completion_note', type: 'text', nullable: true })
  completionNote: string | null;

  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy: string | null;
}

/** A visit to see how she is doing at home, at school, at work. */
@Entity({ name: 'follow_up_visit' })
export class FollowUpVisit {
  /** Also the service record's id in reporting. */
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  /** The plan's referral, whose data key seals the outcome. */
  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ name: 'visited_on', type: 'date' })
  visitedOn: string;

  @Column({ name: 'visited_by', type: 'text' })
  visitedBy: string;

  /** What the visit found: kept here only, never in an event. */
  @Column({ type: 'text' })
  outcome: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}

/** The plan's goals and completion note, sealed with the referral's data key; areas are inside the sealed components, result and dates stay in plain. */
export const SEALED_REINTEGRATION_PLAN: SealedColumnsOf<ReintegrationPlan> = {
  entity: ReintegrationPlan,
  subject: 'referralId',
  text: ['completionNote'],
  json: ['components'],
};
/** What a visit found, sealed with the referral's data key; who visited and when stay in plain. */
export const SEALED_FOLLOW_UP_VISIT: SealedColumnsOf<FollowUpVisit> = { entity: FollowUpVisit, subject: 'referralId', text: ['outcome'] };
