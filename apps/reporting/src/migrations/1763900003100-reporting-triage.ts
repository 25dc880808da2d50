import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportingTriage1763900003100 implements MigrationInterface {
  name = 'ReportingTriage1763900003100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE triage_fact (case_id uuid PRIMARY KEY, risk_level text NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE triage_fact`);
  }
}
