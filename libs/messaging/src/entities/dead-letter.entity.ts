import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An event that can never succeed as it is, kept with its reason for an operator. */
@Entity({ name: 'messaging_dead_letter' })
export class DeadLetter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  consumer: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'stream_seq', type: 'bigint', nullable: true })
  streamSeq: string | null;

  /** Envelope id and pattern when they could be read. */
  @Column({ name: 'event_id', type: 'text', nullable: true })
  eventId: string | null;

  @Column({ type: 'text', nullable: true })
  pattern: string | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'bytea' })
  data: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'replayed_at', type: 'timestamptz', nullable: true })
  replayedAt: Date | null;

  @Column({ name: 'replay_outcome', type: 'text', nullable: true })
  replayOutcome: string | null;
}
