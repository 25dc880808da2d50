import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { VisumDeclineReason, VisumKind } from '@rujukan/contracts';

export const VISUM_REQUEST_STATES = ['requested', 'issued', 'declined'] as const;
export type VisumRequestState = (typeof VISUM_REQUEST_STATES)[number];

/** A legal-aid agency's (police) request for a visum et repertum, as this health agency holds it. */
@Entity({ name: 'visum_request' })
export class VisumRequest {
  /** The requester's id. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'from_agency', type: 'text' })
  fromAgency: string;

  /** Intake's case and victim ids from the envelope: how the request finds this agency's referral. */
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'victim_id', type: 'uuid' })
  victimId: string;

  @Column({ type: 'text' })
  kind: VisumKind;

  @Column({ name: 'letter_number', type: 'text' })
  letterNumber: string;

  @Column({ name: 'requested_on', type: 'date' })
  requestedOn: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'text' })
  state: VisumRequestState;

  /** The health referral it was issued under (set on issue). */
  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId: string | null;

  @Column({ name: 'reference_number', type: 'text', nullable: true })
  referenceNumber: string | null;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: VisumDeclineReason | null;

  @Column({ name: 'decline_note', type: 'text', nullable: true })
  declineNote: string | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'service_record_id', type: 'uuid', nullable: true })
  serviceRecordId: string | null;
}
