import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeTraffickingStages1763900001700 implements MigrationInterface {
  name = 'IntakeTraffickingStages1763900001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trafficking_stage (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES case_file (id),
        stage text NOT NULL,
        place text NOT NULL,
        country text,
        occurred_on date,
        exploitation_type text,
        notes text
      )`);
    await q.query(`CREATE INDEX trafficking_stage_case ON trafficking_stage (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE trafficking_stage`);
  }
}
