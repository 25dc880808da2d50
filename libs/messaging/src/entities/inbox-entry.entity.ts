import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event this node has applied; its id makes every later delivery a no-op. */
@Entity({ name: 'messaging_inbox' })
export class InboxEntry {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ type: 'text' })
  pattern: string;

  @Column({ name: 'from_agency', type: 'text' })
  fromAgency: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** The case the event names: a case's timeline lists what reached the node about it. */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  /** When the sender says it happened. */
  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt: Date | null;

  /** The event's stream sequence and the consumer it came through (null before they were recorded). */
  @Column({ name: 'stream_seq', type: 'bigint', nullable: true })
  streamSeq: string | null;

  @Column({ type: 'text', nullable: true })
  consumer: string | null;

  /** Deliveries after the first: redeliveries and re-sends, all without effect. */
  @Column({ name: 'duplicate_deliveries', type: 'int', default: 0 })
  duplicateDeliveries: number;
}
