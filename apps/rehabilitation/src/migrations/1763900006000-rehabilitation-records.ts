import { MigrationInterface, QueryRunner } from 'typeorm';

/** Assessment, sessions, plan and completion of social rehabilitation and spiritual guidance referrals. */
export class RehabilitationRecords1763900006000 implements MigrationInterface {
  name = 'RehabilitationRecords1763900006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE psychosocial_assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL UNIQUE REFERENCES incoming_referral (referral_id),
        assessed_on date NOT NULL,
        counsellor_id text NOT NULL,
        risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
        concerns text[] NOT NULL DEFAULT '{}',
        findings text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE rehabilitation_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES incoming_referral (referral_id),
        kind text NOT NULL CHECK (kind IN ('counselling', 'spiritual-guidance')),
        held_on date NOT NULL,
        duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
        counsellor_id text NOT NULL,
        notes text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX rehabilitation_session_referral ON rehabilitation_session (referral_id, held_on)`);
    await q.query(`
      CREATE TABLE rehabilitation_plan (
        referral_id uuid PRIMARY KEY REFERENCES incoming_referral (referral_id),
        goals jsonb NOT NULL,
        planned_sessions int NOT NULL CHECK (planned_sessions > 0),
        review_on date,
        made_by text NOT NULL,
        made_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE rehabilitation_completion (
        referral_id uuid PRIMARY KEY REFERENCES incoming_referral (referral_id),
        completed_on date NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('goals-met', 'partly-met', 'stopped-early')),
        note text NOT NULL,
        completed_by text NOT NULL,
        completed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rehabilitation_completion`);
    await q.query(`DROP TABLE rehabilitation_plan`);
    await q.query(`DROP TABLE rehabilitation_session`);
    await q.query(`DROP TABLE psychosocial_assessment`);
  }
}
