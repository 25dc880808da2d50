import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PerpetratorRelation, Sex } from '@rujukan/contracts';

/** A perpetrator named in a complaint; a child here is a child in conflict with the law (ABH). */
@Entity({ name: 'perpetrator' })
export class Perpetrator {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', nullable: true })
  sex: Sex | null;

  @Column({ name: 'age_years', type: 'int', nullable: true })
  ageYears: number | null;

  @Column({ type: 'text' })
  relation: PerpetratorRelation;
}
