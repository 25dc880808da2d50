import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ExploitationType, TraffickingStage as Stage } from '@rujukan/contracts';

/** One stage of a trafficking case: where and when the victims were recruited, moved, exploited. */
@Entity({ name: 'trafficking_stage' })
export class TraffickingStage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  stage: Stage;

  @Column({ type: 'text' })
  place: string;

  @Column({ type: 'text', nullable: true })
  country: string | null;

  @Column({ name: 'occurred_on', type: 'date', nullable: true })
  occurredOn: string | null;

  /** For the exploitation stage. */
  @Column({ name: 'exploitation_type', type: 'text', nullable: true })
  exploitationType: ExploitationType | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
