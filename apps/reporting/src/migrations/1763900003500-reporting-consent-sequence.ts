import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Order-proof consent (design.md section 9): the last consent statement
 * applied per victim, with intake's sequence number, kept apart from
 * victim_fact because a withdrawal can arrive before her registration.
 * victim_fact remembers which registration its attributes came from, so a
 * second report of the same person arriving first does not win.
 */
export class ReportingConsentSequence1763900003500 implements MigrationInterface {
  name = 'ReportingConsentSequence1763900003500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE victim_consent (victim_id uuid PRIMARY KEY, consented boolean NOT NULL, sequence bigint NOT NULL)`);
    await q.query(`ALTER TABLE victim_fact ADD COLUMN registered_sequence bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE victim_fact DROP COLUMN registered_sequence`);
    await q.query(`DROP TABLE victim_consent`);
  }
}
