import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox, inbox and dead letters: the tables every node needs for durable delivery. */
export class MessagingTables1763900000000 implements MigrationInterface {
  name = 'MessagingTables1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE messaging_outbox (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        pattern text NOT NULL,
        subject text NOT NULL,
        recipient text NOT NULL,
        case_key text NOT NULL,
        envelope jsonb NOT NULL,
        requires_receipt boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        last_sent_at timestamptz,
        send_count int NOT NULL DEFAULT 0,
        receipt_at timestamptz
      )`);
    await q.query(`CREATE INDEX messaging_outbox_unsent ON messaging_outbox (seq) WHERE sent_at IS NULL`);
    await q.query(
      `CREATE INDEX messaging_outbox_awaiting_receipt ON messaging_outbox (last_sent_at) WHERE requires_receipt AND receipt_at IS NULL AND sent_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE messaging_inbox (
        event_id uuid PRIMARY KEY,
        pattern text NOT NULL,
        from_agency text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        duplicate_deliveries int NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE messaging_dead_letter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consumer text NOT NULL,
        subject text NOT NULL,
        stream_seq bigint,
        event_id text,
        pattern text,
        reason text NOT NULL,
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz,
        replay_outcome text
      )`);
    await q.query(`CREATE INDEX messaging_dead_letter_open ON messaging_dead_letter (created_at) WHERE replayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE messaging_dead_letter`);
    await q.query(`DROP TABLE messaging_inbox`);
    await q.query(`DROP TABLE messaging_outbox`);
  }
}
