import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ServiceType } from '@rujukan/contracts';

/** Biopsychosocial (and spiritual) needs assessment of one victim. */
@Entity({ name: 'assessment' })
export class Assessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'victim_id', type: 'uuid' })
  victimId: string;

  @Column({ type: 'text', nullable: true })
  biological: string | null;

  @Column({ type: 'text', nullable: true })
  psychological: string | null;

  @Column({ type: 'text', nullable: true })
  social: string | null;

  @Column({ type: 'text', nullable: true })
  spiritual: string | null;

  /** Needs as the victim says them. */
  @Column({ name: 'needs_in_own_words', type: 'text' })
  needsInOwnWords: string;

  @Column({ type: 'text', nullable: true })
  expectations: string | null;

  @Column({ name: 'assessed_by', type: 'text' })
  assessedBy: string;

  @Column({ name: 'assessed_at', type: 'timestamptz', default: () => 'now()' })
  assessedAt: Date;
}

/** An SPM service the plan says a victim needs. */
@Entity({ name: 'plan_item' })
export class PlanItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'victim_id', type: 'uuid' })
  victimId: string;

  @Column({ type: 'text' })
  service: ServiceType;

  @Column({ name: 'added_by', type: 'text' })
  addedBy: string;

  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;
}
