import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A victim's identifying columns hold text sealed with her data key
 * (cases/sealed-victim.ts): the birth date becomes text too. The rows stored in
 * plain are sealed at the node's next start (a migration does not hold the key file).
 */
export class IntakeSealedVictims1763900002800 implements MigrationInterface {
  name = 'IntakeSealedVictims1763900002800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE victim ALTER COLUMN birth_date TYPE text USING to_char(birth_date, 'YYYY-MM-DD')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE victim ALTER COLUMN birth_date TYPE date USING CASE WHEN birth_date LIKE 'aead1:%' THEN NULL ELSE birth_date::date END`,
    );
  }
}
