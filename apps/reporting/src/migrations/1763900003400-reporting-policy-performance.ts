import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counting policy and referral performance: every victim is kept with her
 * consent to statistics (the policy decides who is counted, the same way in
 * every table), and each referral with the time of each of its states.
 */
export class ReportingPolicyPerformance1763900003400 implements MigrationInterface {
  name = 'ReportingPolicyPerformance1763900003400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE victim_fact ADD COLUMN consented boolean NOT NULL DEFAULT true, ADD COLUMN education text`);
    await q.query(`UPDATE victim_fact SET consented = false WHERE victim_id IN (SELECT victim_id FROM uncounted_victim)`);
    await q.query(`DROP TABLE uncounted_victim`);
    await q.query(`
      ALTER TABLE referral_fact
        ADD COLUMN case_id uuid,
        ADD COLUMN agency_id text,
        ADD COLUMN requested_at timestamptz,
        ADD COLUMN accepted_at timestamptz,
        ADD COLUMN declined_at timestamptz,
        ADD COLUMN completed_at timestamptz,
        ADD COLUMN revoked_at timestamptz,
        ADD COLUMN decline_reason text`);
    await q.query(`
      CREATE TABLE frozen_period (
        period text PRIMARY KEY,
        frozen_at timestamptz NOT NULL DEFAULT now(),
        frozen_by text NOT NULL,
        policy text NOT NULL,
        tables jsonb NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE frozen_period`);
    await q.query(`ALTER TABLE referral_fact DROP COLUMN case_id, DROP COLUMN agency_id, DROP COLUMN requested_at, DROP COLUMN accepted_at,
      DROP COLUMN declined_at, DROP COLUMN completed_at, DROP COLUMN revoked_at, DROP COLUMN decline_reason`);
    await q.query(`CREATE TABLE uncounted_victim (victim_id uuid PRIMARY KEY, since timestamptz NOT NULL DEFAULT now())`);
    await q.query(`ALTER TABLE victim_fact DROP COLUMN consented, DROP COLUMN education`);
  }
}
