import { MigrationInterface, QueryRunner } from 'typeorm';

/** Services the agencies recorded, de-identified: the SPM indicators' numerators. */
export class ReportingServices1763900003300 implements MigrationInterface {
  name = 'ReportingServices1763900003300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_fact (
        record_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        victim_id uuid NOT NULL,
        referral_id uuid,
        service text NOT NULL,
        activity text NOT NULL,
        indicator text,
        outcome text,
        month text NOT NULL,
        agency_id text NOT NULL
      )`);
    await q.query(`CREATE INDEX service_fact_indicator ON service_fact (indicator, victim_id)`);
    // Victims who withdrew consent to statistics: services recorded later are not counted either.
    await q.query(`CREATE TABLE uncounted_victim (victim_id uuid PRIMARY KEY, since timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE uncounted_victim`);
    await q.query(`DROP TABLE service_fact`);
  }
}
