import { MigrationInterface, QueryRunner } from 'typeorm';

/** The sender's id of a victim taken over by hand-over: its erasure request finds her by it (erase-handed-over-victim/). */
export class IntakeHandedOverVictim1763900002830 implements MigrationInterface {
  name = 'IntakeHandedOverVictim1763900002830';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE victim ADD COLUMN handed_over_as uuid`);
    await q.query(`CREATE INDEX victim_handed_over_as ON victim (handed_over_as) WHERE handed_over_as IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX victim_handed_over_as`);
    await q.query(`ALTER TABLE victim DROP COLUMN handed_over_as`);
  }
}
