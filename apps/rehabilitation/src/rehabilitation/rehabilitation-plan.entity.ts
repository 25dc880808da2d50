import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The plan agreed with the victim for one referral: goals and how many sessions. */
@Entity({ name: 'rehabilitation_plan' })
export class RehabilitationPlan {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ type: 'jsonb' })
  goals: string[];

  @Column({ name: 'planned_sessions', type: 'int' })
  plannedSessions: number;

  /** When the plan is next reviewed with her. */
  @Column({ name: 'review_on', type: 'date', nullable: true })
  reviewOn: string | null;

  @Column({ name: 'made_by', type: 'text' })
  madeBy: string;

  @Column({ name: 'made_at', type: 'timestamptz', default: () => 'now()' })
  madeAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
