import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An event waiting to be published, or published and waiting for its receipt. */
@Entity({ name: 'messaging_outbox' })
export class OutboxEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'event_id', type: 'uuid', unique: true })
  eventId: string;

  @Column({ type: 'text' })
  pattern: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  recipient: string;

  /** Events of one case are published in the order they were written. */
  @Column({ name: 'case_key', type: 'text' })
  caseKey: string;

  @Column({ type: 'jsonb' })
  envelope: Record<string, unknown>;

  @Column({ name: 'requires_receipt', type: 'boolean' })
  requiresReceipt: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'last_sent_at', type: 'timestamptz', nullable: true })
  lastSentAt: Date | null;

  @Column({ name: 'send_count', type: 'int', default: 0 })
  sendCount: number;

  @Column({ name: 'receipt_at', type: 'timestamptz', nullable: true })
  receiptAt: Date | null;
}
