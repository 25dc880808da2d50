import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StateRanks, VisumDeclineReason, VisumKind } from '@rujukan/contracts';

export const VISUM_STATES = ['requested', 'issued', 'declined'] as const;
export type VisumState = (typeof VISUM_STATES)[number];

/** An answer is final: issued and declined do not replace each other, and a late or repeated one changes nothing. */
export const VISUM_STATE_RANK: StateRanks<VisumState> = { requested: 0, issued: 1, declined: 1 };

/** A visum et repertum this agency asked a health agency for, and its answer. */
@Entity({ name: 'visum_request' })
export class VisumRequestOut {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ name: 'health_agency_id', type: 'text' })
  healthAgencyId: string;

  @Column({ type: 'text' })
  kind: VisumKind;

  @Column({ name: 'letter_number', type: 'text' })
  letterNumber: string;

  @Column({ name: 'requested_on', type: 'date' })
  requestedOn: string;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: string;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ type: 'text' })
  state: VisumState;

  /** The issued report's number and date at the health agency (the report itself stays there). */
  @Column({ name: 'reference_number', type: 'text', nullable: true })
  referenceNumber: string | null;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: VisumDeclineReason | null;

  @Column({ name: 'decline_note', type: 'text', nullable: true })
  declineNote: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}
