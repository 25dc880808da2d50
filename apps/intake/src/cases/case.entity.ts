import { Column, Entity, OneToMany, PrimaryColumn, type Relation } from 'typeorm';
import type { CaseReport } from './case-report.entity.js';
import type { CaseKind, ComplaintChannel, IncidentPlace, PerpetratorRelation, RiskLevel, ViolenceType } from '@rujukan/contracts';
import { Referral } from './referral.entity.js';
import { Victim } from './victim.entity.js';
import type { Perpetrator } from './perpetrator.entity.js';
import type { TraffickingStage } from './trafficking-stage.entity.js';
import type { OutgoingHandover } from '../hand-over/hand-over.entities.js';

export const CASE_STATUSES = ['open', 'in-service', 'closed', 'closed-referred'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A complaint registered at the UPTD PPA and the case it opens. */
@Entity({ name: 'case_file' })
export class CaseFile {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The unit's register number, e.g. 2026-0042: what staff search and say on the phone. */
  @Column({ name: 'case_number', type: 'text' })
  caseNumber: string;

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

  /** Closed-referred: handed over to another region's UPTD PPA, who accepted it. */
  /** When its retention after closure erased whom it was about (erase-after-retention/). */
  @Column({ name: 'retention_erased_at', type: 'timestamptz', nullable: true })
  retentionErasedAt: Date | null;

  /** A supervisor's legal hold (record-legal-hold/), loaded with the case view. */
  legalHold?: { reason: string; recordedAt: Date } | null;

  @Column({ type: 'text', default: 'open' })
  status: CaseStatus;

  /**
   * The pseudonymous id reporting counts this case under. Set at
   * registration, or carried over in a hand-over so the case is counted once.
   * Null only for cases registered before it was stored (computed then).
   */
  @Column({ name: 'statistics_id', type: 'uuid', nullable: true })
  statisticsId: string | null;

  /** The intake agency that handed this case over to us, if it came that way. */
  @Column({ name: 'handed_over_from', type: 'text', nullable: true })
  handedOverFrom: string | null;

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

  /** Loaded by the case view: earlier reports of the same victims (cases linked through them). */
  duplicates?: Array<{ victimId: string; id: string; caseId: string; caseNumber: string; basis: string; weaker: boolean; reason: string }>;

  /** Loaded by the case view: hand-overs this unit asked for. */
  handOvers?: OutgoingHandover[];

  /** Loaded by the case view: further reports of its incident, attached to it. */
  reports?: CaseReport[];
}
