import { MigrationInterface, QueryRunner } from 'typeorm';

/** The inbox keeps which case an event named and when it happened, for case timelines. */
export class MessagingInboxCase1763900000150 implements MigrationInterface {
  name = 'MessagingInboxCase1763900000150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messaging_inbox ADD COLUMN case_id uuid, ADD COLUMN occurred_at timestamptz`);
    await q.query(`CREATE INDEX messaging_inbox_case ON messaging_inbox (case_id) WHERE case_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messaging_inbox DROP COLUMN case_id, DROP COLUMN occurred_at`);
  }
}
