import { MigrationInterface, QueryRunner } from 'typeorm';

/** When an outbox row's body was purged after its receipt (erasure/spent-messages.ts): its ids and type stay for the case's history. */
export class MessagingSpentBodies1763900000350 implements MigrationInterface {
  name = 'MessagingSpentBodies1763900000350';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messaging_outbox ADD COLUMN body_purged_at timestamptz`);
    await q.query(
      `CREATE INDEX messaging_outbox_body_kept ON messaging_outbox (coalesce(receipt_at, sent_at)) WHERE body_purged_at IS NULL AND sent_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX messaging_dead_letter_resolved ON messaging_dead_letter (replayed_at) WHERE replayed_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messaging_dead_letter_resolved`);
    await q.query(`DROP INDEX messaging_outbox_body_kept`);
    await q.query(`ALTER TABLE messaging_outbox DROP COLUMN body_purged_at`);
  }
}
