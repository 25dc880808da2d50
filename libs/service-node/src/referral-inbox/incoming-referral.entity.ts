import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeclineReasonCode, ReferralState, ReferredPerson, ServiceType, StatisticsIdsV1 } from '@rujukan/contracts';

/** A referral as the receiving agency holds it. */
@Entity({ name: 'incoming_referral' })
export class IncomingReferral {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  /** Null only while a revocation has overtaken its request. */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'victim_id', type: 'uuid', nullable: true })
  victimId: string | null;

  @Column({ type: 'text', nullable: true })
  service: ServiceType | null;

  @Column({ name: 'from_agency', type: 'text' })
  fromAgency: string;

  @Column({ type: 'text' })
  state: ReferralState;

  /** Only the fields this service may receive (REFERRAL_FIELDS). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  person: ReferredPerson;

  /** The staff member who accepted it; a case worker sees hers and the unassigned ones. */
  @Column({ name: 'assignee_id', type: 'text', nullable: true })
  assigneeId: string | null;

  /** Once intake's pseudonymous ids; no longer kept (always null: ReferralStatisticsForgotten1763900000800). */
  @Column({ type: 'jsonb', nullable: true })
  statistics: StatisticsIdsV1 | null;

  @Column({ name: 'consent_override_reason', type: 'text', nullable: true })
  consentOverrideReason: string | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: string | null;

  /** The decline's code (null: declined before the codes). */
  @Column({ name: 'decline_code', type: 'text', nullable: true })
  declineCode: DeclineReasonCode | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason: string | null;

  @Column({ name: 'completion_note', type: 'text', nullable: true })
  completionNote: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', nullable: true })
  requestedAt: Date | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  /** When a declined or revoked referral's person was forgotten (erase-after-retention/): the person is `{}`, the notes null. */
  @Column({ name: 'person_erased_at', type: 'timestamptz', nullable: true })
  personErasedAt: Date | null;
}
