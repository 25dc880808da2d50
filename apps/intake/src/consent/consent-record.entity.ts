import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConsentForm, ConsentPurpose, ServiceType } from '@rujukan/contracts';

export { CONSENT_FORMS, CONSENT_PURPOSES, type ConsentForm, type ConsentPurpose } from '@rujukan/contracts';

/** One consent a victim gave (for a purpose, and for services possibly one service), until withdrawn. */
@Entity({ name: 'consent_record' })
export class ConsentRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'victim_id', type: 'uuid' })
  victimId: string;

  @Column({ type: 'text' })
  purpose: ConsentPurpose;

  /** For `services`: the one service consented to, or null for every service. */
  @Column({ type: 'text', nullable: true })
  service: ServiceType | null;

  /** How it was given: signed, verbal, or by a guardian for a child. */
  @Column({ name: 'given_as', type: 'text' })
  givenAs: ConsentForm;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdrawn_by', type: 'text', nullable: true })
  withdrawnBy: string | null;
}
