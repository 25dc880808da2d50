import { Column, PrimaryColumn } from 'typeorm';
import type { VisumDeclineReason, VisumKind } from '@rujukan/contracts';

export const VISUM_STATES = ['requested', 'issued', 'declined'] as const;
export type VisumState = (typeof VISUM_STATES)[number];

/**
 * What both sides keep of one visum et repertum exchange: the police's request
 * and the hospital's answer. Each node's own `visum_request` table (legal-aid as
 * requester, health as issuer) extends it with its side's columns.
 */
export abstract class VisumExchangeColumns {
  /** The requester's id. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  kind: VisumKind;

  @Column({ name: 'letter_number', type: 'text' })
  letterNumber: string;

  @Column({ name: 'requested_on', type: 'date' })
  requestedOn: string;

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
