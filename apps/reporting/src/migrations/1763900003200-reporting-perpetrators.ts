import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportingPerpetrators1763900003200 implements MigrationInterface {
  name = 'ReportingPerpetrators1763900003200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE perpetrator_fact (
        case_id uuid NOT NULL,
        position int NOT NULL,
        sex text,
        age_band text,
        child boolean NOT NULL,
        relation text NOT NULL,
        PRIMARY KEY (case_id, position)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE perpetrator_fact`);
  }
}
