import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CASE_ALERT_KINDS = ['high-risk-registered', 'first-response-overdue'] as const;
export type CaseAlertKind = (typeof CASE_ALERT_KINDS)[number];

/** What a supervisor must see: a high-risk case, or a first response past its deadline. One per case and kind. */
@Entity({ name: 'case_alert' })
export class CaseAlert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  kind: CaseAlertKind;

  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' })
  raisedAt: Date;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;
}
