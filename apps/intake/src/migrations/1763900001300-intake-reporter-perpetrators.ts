import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeReporterPerpetrators1763900001300 implements MigrationInterface {
  name = 'IntakeReporterPerpetrators1763900001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_file ADD COLUMN reporter_relation text`);
    await q.query(`ALTER TABLE case_file ADD COLUMN reporter_anonymous boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE case_file ADD COLUMN reporter_name text`);
    await q.query(`ALTER TABLE case_file ADD COLUMN reporter_phone text`);
    await q.query(`
      CREATE TABLE perpetrator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES case_file (id),
        name text,
        sex text,
        age_years int,
        relation text NOT NULL
      )`);
    await q.query(`CREATE INDEX perpetrator_case ON perpetrator (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE perpetrator`);
    for (const c of ['reporter_phone', 'reporter_name', 'reporter_anonymous', 'reporter_relation'])
      await q.query(`ALTER TABLE case_file DROP COLUMN ${c}`);
  }
}
