import { MigrationInterface, QueryRunner } from 'typeorm';

export class LegalAidCases1763900005000 implements MigrationInterface {
  name = 'LegalAidCases1763900005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE legal_case (
        referral_id uuid PRIMARY KEY REFERENCES incoming_referral (referral_id),
        police_report_number text,
        police_reported_on date,
        stage text CHECK (stage IN ('report', 'investigation', 'prosecution', 'trial', 'verdict')),
        stage_on date,
        verdict_outcome text CHECK (verdict_outcome IN ('convicted', 'acquitted', 'dismissed')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((stage = 'verdict') = (verdict_outcome IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE legal_stage (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES incoming_referral (referral_id),
        stage text NOT NULL,
        occurred_on date NOT NULL,
        outcome text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        service_record_id uuid,
        UNIQUE (referral_id, stage)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE legal_stage`);
    await q.query(`DROP TABLE legal_case`);
  }
}
