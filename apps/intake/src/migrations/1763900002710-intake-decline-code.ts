import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A declined referral's code, as the agency sent it (`referral.declined`'s
 * `code`) beside its note. Referrals declined before the codes keep none; their
 * category is read from the note, as it was then.
 */
export class IntakeDeclineCode1763900002710 implements MigrationInterface {
  name = 'IntakeDeclineCode1763900002710';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referral ADD COLUMN decline_code text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referral DROP COLUMN decline_code`);
  }
}
