import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The second date a case can be counted by: the month of the incident, where
 * intake knew it, and each victim's age group on that day (the tables' age
 * groups). Facts from before keep null: counted by the month reported, with
 * the age when reported.
 */
export class ReportingIncidentDate1763900003710 implements MigrationInterface {
  name = 'ReportingIncidentDate1763900003710';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_fact ADD COLUMN incident_month text`);
    await q.query(`ALTER TABLE victim_fact ADD COLUMN age_band_at_incident text, ADD COLUMN child_at_incident boolean`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE victim_fact DROP COLUMN age_band_at_incident, DROP COLUMN child_at_incident`);
    await q.query(`ALTER TABLE case_fact DROP COLUMN incident_month`);
  }
}
