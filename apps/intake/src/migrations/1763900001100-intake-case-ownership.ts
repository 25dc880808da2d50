import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeCaseOwnership1763900001100 implements MigrationInterface {
  name = 'IntakeCaseOwnership1763900001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_file ADD COLUMN owner_id text`);
    await q.query(`CREATE INDEX case_file_owner ON case_file (owner_id)`);
    await q.query(`
      CREATE TABLE case_share (
        case_id uuid NOT NULL REFERENCES case_file (id),
        staff_id text NOT NULL,
        shared_by text NOT NULL,
        shared_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, staff_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_share`);
    await q.query(`ALTER TABLE case_file DROP COLUMN owner_id`);
  }
}
