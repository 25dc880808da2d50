import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseHandoverRequestedV1 } from '@rujukan/contracts';

export const HANDOVER_STATES = ['requested', 'accepted', 'declined'] as const;
export type HandoverState = (typeof HANDOVER_STATES)[number];

/** A case this unit asked another region's UPTD PPA to take over. */
@Entity({ name: 'handover_out' })
export class OutgoingHandover {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'to_agency', type: 'text' })
  toAgency: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  state: HandoverState;

  /** A supervisor's reason for handing over without every victim's consent to disclosure. */
  @Column({ name: 'disclosure_override_reason', type: 'text', nullable: true })
  disclosureOverrideReason: string | null;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: string;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  /** The receiving unit's staff id (never a name) and, when declined, its reason. */
  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy: string | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: string | null;
}

/** A case another region's UPTD PPA asked this unit to take over. */
@Entity({ name: 'handover_in' })
export class IncomingHandover {
  /** The sender's hand-over id. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'from_agency', type: 'text' })
  fromAgency: string;

  /** The sender's case id: the reply names it, nothing here joins on it. */
  @Column({ name: 'sender_case_id', type: 'uuid' })
  senderCaseId: string;

  @Column({ type: 'text' })
  state: HandoverState;

  /** The case as sent, kept until answered so a supervisor can judge it. */
  @Column({ type: 'jsonb' })
  request: CaseHandoverRequestedV1;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy: string | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: string | null;

  /** The case opened here on acceptance. */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;
}
