import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CompletionOutcome } from './rehabilitation-rules.js';

/** How a rehabilitation referral ended; the note also goes to the referring unit. */
@Entity({ name: 'rehabilitation_completion' })
export class RehabilitationCompletion {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ name: 'completed_on', type: 'date' })
  completedOn: string;

  @Column({ type: 'text' })
  outcome: CompletionOutcome;

  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'completed_by', type: 'text' })
  completedBy: string;

  @Column({ name: 'completed_at', type: 'timestamptz', default: () => 'now()' })
  completedAt: Date;
}
