import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The generation of each staff member's draft key (DraftKeys): raised at
 * sign-out and when her account is disabled, so a key handed out before can
 * no longer be had, and a draft encrypted under it stays unreadable. Keyed by
 * the token's subject, so accounts of an identity provider have one too.
 */
export class AuthDraftKeys1763900000290 implements MigrationInterface {
  name = 'AuthDraftKeys1763900000290';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_draft_key (
        staff_id text PRIMARY KEY,
        generation int NOT NULL DEFAULT 0,
        raised_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_draft_key`);
  }
}
