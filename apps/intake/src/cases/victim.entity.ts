import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Disability, EducationLevel, Occupation, Sex } from '@rujukan/contracts';
import { CaseFile } from './case.entity.js';

/** A victim of a case: identity stays in the intake node's database. */
@Entity({ name: 'victim' })
export class Victim {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, (c) => c.victims)
  @JoinColumn({ name: 'case_id' })
  caseFile: Relation<CaseFile>;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  sex: Sex;

  /** YYYY-MM-DD; stored sealed with her data key, like her name, address, NIK and safety notes (sealed-victim.ts). */
  @Column({ name: 'birth_date', type: 'text', nullable: true })
  birthDate: string | null;

  /** Age in whole years when registered (given, or computed from the birth date). */
  @Column({ name: 'age_years', type: 'int' })
  ageYears: number;

  @Column({ type: 'text' })
  district: string;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ name: 'id_number', type: 'text', nullable: true })
  idNumber: string | null;

  @Column({ type: 'text', nullable: true })
  education: EducationLevel | null;

  @Column({ type: 'text', nullable: true })
  occupation: Occupation | null;

  /** Kinds of disability; [] none; null not asked. */
  @Column({ type: 'text', array: true, nullable: true })
  disabilities: Disability[] | null;

  @Column({ name: 'safety_notes', type: 'text', nullable: true })
  safetyNotes: string | null;

  /**
   * The pseudonymous id reporting counts her under: her own, the one of an
   * earlier report of the same person (counted once), or the one a hand-over
   * carried. Null only for victims registered before it was stored.
   */
  @Column({ name: 'statistics_id', type: 'uuid', nullable: true })
  statisticsId: string | null;

  /** The id the unit that handed her case over knew her by (its erasure request names her by it). */
  @Column({ name: 'handed_over_as', type: 'uuid', nullable: true })
  handedOverAs: string | null;

  @Column({ name: 'consent_services', type: 'boolean' })
  consentServices: boolean;

  @Column({ name: 'consent_statistics', type: 'boolean' })
  consentStatistics: boolean;
}
