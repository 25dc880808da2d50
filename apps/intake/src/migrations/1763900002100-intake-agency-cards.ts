import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeAgencyCards1763900002100 implements MigrationInterface {
  name = 'IntakeAgencyCards1763900002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agency_card (
        agency_id text PRIMARY KEY,
        card jsonb NOT NULL,
        announced_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agency_card`);
  }
}
