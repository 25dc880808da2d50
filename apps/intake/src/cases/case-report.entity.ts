import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ComplaintChannel } from '@rujukan/contracts';
import type { DuplicateBasis } from '../duplicates/duplicate-match.js';

/** A further report of a case's incident: kept with the case (its channel, reporter and time), not a second case. */
@Entity({ name: 'case_report' })
export class CaseReport {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  /** The victim of the case the report is about. */
  @Column({ name: 'victim_id', type: 'uuid' })
  victimId: string;

  @Column({ type: 'text' })
  channel: ComplaintChannel;

  /** How the person reported was matched to her (NIK, or name with birth date or age and district). */
  @Column({ type: 'text' })
  basis: DuplicateBasis;

  @Column({ name: 'reporter_relation', type: 'text', nullable: true })
  reporterRelation: string | null;

  @Column({ name: 'reporter_anonymous', type: 'boolean', default: false })
  reporterAnonymous: boolean;

  @Column({ name: 'reporter_name', type: 'text', nullable: true })
  reporterName: string | null;

  @Column({ name: 'reporter_phone', type: 'text', nullable: true })
  reporterPhone: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
