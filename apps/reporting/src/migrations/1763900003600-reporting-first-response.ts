import { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases whose first response was recorded, and whether it came by the triage deadline (SPM complaint handling). */
export class ReportingFirstResponse1763900003600 implements MigrationInterface {
  name = 'ReportingFirstResponse1763900003600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE first_response_fact (case_id uuid PRIMARY KEY, risk_level text NOT NULL, within_deadline boolean NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE first_response_fact`);
  }
}
