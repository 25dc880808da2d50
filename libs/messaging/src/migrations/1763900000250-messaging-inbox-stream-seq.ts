import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox keeps each applied event's stream sequence and the consumer it came through
 * (design.md section 9): a node restored from a backup shows where it stood on the stream.
 */
export class MessagingInboxStreamSeq1763900000250 implements MigrationInterface {
  name = 'MessagingInboxStreamSeq1763900000250';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messaging_inbox ADD COLUMN stream_seq bigint, ADD COLUMN consumer text`);
    await q.query(`CREATE INDEX messaging_inbox_stream_seq ON messaging_inbox (consumer, stream_seq) WHERE stream_seq IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messaging_inbox_stream_seq`);
    await q.query(`ALTER TABLE messaging_inbox DROP COLUMN stream_seq, DROP COLUMN consumer`);
  }
}
