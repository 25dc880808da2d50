import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeAssessmentPlan1763900001600 implements MigrationInterface {
  name = 'IntakeAssessmentPlan1763900001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        victim_id uuid NOT NULL REFERENCES victim (id),
        biological text,
        psychological text,
        social text,
        spiritual text,
        needs_in_own_words text NOT NULL,
        expectations text,
        assessed_by text NOT NULL,
        assessed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE plan_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES case_file (id),
        victim_id uuid NOT NULL REFERENCES victim (id),
        service text NOT NULL,
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (victim_id, service)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_item`);
    await q.query(`DROP TABLE assessment`);
  }
}
