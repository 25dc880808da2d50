import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { DeclineReasonCode, ReferralState, ServiceType } from '@rujukan/contracts';
import { CaseFile } from './case.entity.js';

/** A referral as the sending UPTD PPA sees it; its state follows the agency's events. */
@Entity({ name: 'referral' })
export class Referral {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseFile, (c) => c.referrals)
  @JoinColumn({ name: 'case_id' })
  caseFile: Relation<CaseFile>;

  @Column({ name: 'victim_id', type: 'uuid' })
  victimId: string;

  @Column({ type: 'text' })
  service: ServiceType;

  @Column({ name: 'agency_id', type: 'text' })
  agencyId: string;

  @Column({ type: 'text' })
  state: ReferralState;

  @Column({ name: 'request_notes', type: 'text', nullable: true })
  requestNotes: string | null;

  @Column({ name: 'consent_override_reason', type: 'text', nullable: true })
  consentOverrideReason: string | null;

  /** Decline or revocation reason, or the provider's completion note. */
  @Column({ name: 'outcome_note', type: 'text', nullable: true })
  outcomeNote: string | null;

  /** A decline's code, as the agency sent it (null: not declined, or declined by an agency older than the codes). */
  @Column({ name: 'decline_code', type: 'text', nullable: true })
  declineCode: DeclineReasonCode | null;

  /** An external referral's (agency_id 'external') outside agency, as the case worker gave it; null for a node's. */
  @Column({ name: 'external_agency_name', type: 'text', nullable: true })
  externalAgencyName: string | null;

  @Column({ name: 'external_agency_address', type: 'text', nullable: true })
  externalAgencyAddress: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
