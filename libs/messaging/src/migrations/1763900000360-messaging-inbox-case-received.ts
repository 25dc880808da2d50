import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The events received about a case, by when: a case worker's home page asks
 * every few seconds what arrived on her cases since her last look
 * (CaseMessageHistoryQuery.receivedSince, lastReceived). Replaces the index on
 * the case alone, which this one serves as well.
 */
export class MessagingInboxCaseReceived1763900000360 implements MigrationInterface {
  name = 'MessagingInboxCaseReceived1763900000360';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX messaging_inbox_case_received ON messaging_inbox (case_id, received_at) WHERE case_id IS NOT NULL`);
    await q.query(`DROP INDEX messaging_inbox_case`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX messaging_inbox_case ON messaging_inbox (case_id) WHERE case_id IS NOT NULL`);
    await q.query(`DROP INDEX messaging_inbox_case_received`);
  }
}
