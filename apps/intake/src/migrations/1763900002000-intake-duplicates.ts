import { MigrationInterface, QueryRunner } from 'typeorm';

/** The same person reported twice: flagged, her cases linked through her victim records. */
export class IntakeDuplicates1763900002000 implements MigrationInterface {
  name = 'IntakeDuplicates1763900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE victim_duplicate (
        victim_id uuid NOT NULL REFERENCES victim (id),
        duplicate_of uuid NOT NULL REFERENCES victim (id),
        basis text NOT NULL,
        weaker boolean NOT NULL,
        reason text NOT NULL,
        flagged_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (victim_id, duplicate_of)
      )`);
    await q.query(`CREATE INDEX victim_duplicate_of ON victim_duplicate (duplicate_of)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE victim_duplicate`);
  }
}
