import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table the public statistics are made from. */
const SOURCES = [
  'case_fact',
  'victim_fact',
  'referral_fact',
  'triage_fact',
  'perpetrator_fact',
  'service_fact',
  'victim_consent',
  'first_response_fact',
  'frozen_period',
];

/**
 * A version of the facts, moved once by every transaction that changes them,
 * at its commit: the public statistics are computed again only when it moved.
 * A deferred constraint trigger bumps it as the transaction commits, so the
 * row's lock is held only for that moment and a reader who sees the new
 * version also sees the change.
 */
export class ReportingFactsVersion1763900003700 implements MigrationInterface {
  name = 'ReportingFactsVersion1763900003700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reporting_facts_version (one boolean PRIMARY KEY DEFAULT true CHECK (one), version bigint NOT NULL)`);
    await q.query(`INSERT INTO reporting_facts_version (version) VALUES (0)`);
    await q.query(`
      CREATE FUNCTION reporting_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Once per transaction, however many rows it wrote.
        IF current_setting('reporting.facts_changed', true) IS DISTINCT FROM 'yes' THEN
          PERFORM set_config('reporting.facts_changed', 'yes', true);
          UPDATE reporting_facts_version SET version = version + 1;
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of SOURCES) {
      await q.query(`
        CREATE CONSTRAINT TRIGGER ${table}_changed AFTER INSERT OR UPDATE OR DELETE ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reporting_facts_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of SOURCES) await q.query(`DROP TRIGGER ${table}_changed ON ${table}`);
    await q.query(`DROP FUNCTION reporting_facts_changed()`);
    await q.query(`DROP TABLE reporting_facts_version`);
  }
}
