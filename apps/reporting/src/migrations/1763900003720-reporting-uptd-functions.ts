import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The UPTD PPA's own functions (outreach, mediation, accompaniment) as
 * facts, and victims' occupation and disabilities for the breakdowns.
 */
export class ReportingUptdFunctions1763900003720 implements MigrationInterface {
  name = 'ReportingUptdFunctions1763900003720';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE victim_fact ADD COLUMN occupation text, ADD COLUMN disabilities text[]`);
    await q.query(`
      CREATE TABLE function_fact (
        record_id uuid PRIMARY KEY,
        function text NOT NULL,
        outcome text,
        destination text,
        victim_id uuid,
        month text NOT NULL,
        district text NOT NULL,
        agency_id text NOT NULL
      )`);
    await q.query(`CREATE INDEX function_fact_month ON function_fact (month)`);
    // The public statistics are computed again when these facts change too (reporting_facts_version).
    await q.query(`
      CREATE CONSTRAINT TRIGGER function_fact_changed AFTER INSERT OR UPDATE OR DELETE ON function_fact
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reporting_facts_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER function_fact_changed ON function_fact`);
    await q.query(`DROP TABLE function_fact`);
    await q.query(`ALTER TABLE victim_fact DROP COLUMN occupation, DROP COLUMN disabilities`);
  }
}
