import { Column, Entity, OneToMany, PrimaryColumn, type Relation } from 'typeorm';
import type { CaseKind, ComplaintChannel, IncidentPlace, PerpetratorRelation, RiskLevel, ViolenceType } from '@rujukan/contracts';
import { Referral } from './referral.entity.js';
import { Victim } from './victim.entity.js';
import type { Perpetrator } from './perpetrator.entity.js';
import type { TraffickingStage } from './trafficking-stage.entity.js';

/** A complaint registered at the UPTD PPA and the case it opens. */
@Entity({ name: 'case_file' })
export class CaseFile {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  kind: CaseKind;

  @Column({ type: 'text' })
  channel: ComplaintChannel;

  @Column({ name: 'risk_level', type: 'text' })
  riskLevel: RiskLevel;

  /** District (kabupaten/kota) where the case is handled. */
  @Column({ type: 'text' })
  district: string;

  @Column({ name: 'violence_types', type: 'text', array: true })
  violenceTypes: ViolenceType[];

  @Column({ name: 'incident_place', type: 'text' })
  incidentPlace: IncidentPlace;

  @Column({ name: 'incident_date', type: 'date', nullable: true })
  incidentDate: string | null;

  @Column({ name: 'perpetrator_relation', type: 'text', nullable: true })
  perpetratorRelation: PerpetratorRelation | null;

  @Column({ name: 'incident_narrative', type: 'text', nullable: true })
  incidentNarrative: string | null;

  /** The case worker responsible (who registered it, or to whom a supervisor assigned it). */
  @Column({ name: 'owner_id', type: 'text', nullable: true })
  ownerId: string | null;

  /** Who reported, when not the victim; anonymous reporters leave no name or phone. */
  @Column({ name: 'reporter_relation', type: 'text', nullable: true })
  reporterRelation: string | null;

  @Column({ name: 'reporter_anonymous', type: 'boolean', default: false })
  reporterAnonymous: boolean;

  @Column({ name: 'reporter_name', type: 'text', nullable: true })
  reporterName: string | null;

  @Column({ name: 'reporter_phone', type: 'text', nullable: true })
  reporterPhone: string | null;

  /** First response due (risk level's deadline from registration). */
  @Column({ name: 'first_response_due_at', type: 'timestamptz', nullable: true })
  firstResponseDueAt: Date | null;

  @Column({ name: 'first_responded_at', type: 'timestamptz', nullable: true })
  firstRespondedAt: Date | null;

  /** Set in the same transaction as the overdue alert: the alert is raised once, restarts or not. */
  @Column({ name: 'overdue_alerted_at', type: 'timestamptz', nullable: true })
  overdueAlertedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy: string | null;

  @Column({ name: 'closure_note', type: 'text', nullable: true })
  closureNote: string | null;

  /** A supervisor's reason for closing with referrals still open. */
  @Column({ name: 'closure_override_reason', type: 'text', nullable: true })
  closureOverrideReason: string | null;

  @Column({ type: 'text', default: 'open' })
  status: 'open' | 'in-service' | 'closed';

  @Column({ name: 'registered_at', type: 'timestamptz', default: () => 'now()' })
  registeredAt: Date;

  @OneToMany(() => Victim, (v) => v.caseFile)
  victims: Relation<Victim[]>;

  @OneToMany(() => Referral, (r) => r.caseFile)
  referrals: Relation<Referral[]>;

  /** Loaded by the case view (no relation mapping: perpetrators are listed by case id). */
  perpetrators?: Perpetrator[];

  /** Loaded by the case view. */
  traffickingStages?: TraffickingStage[];
}
