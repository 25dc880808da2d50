import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeCases1763900001000 implements MigrationInterface {
  name = 'IntakeCases1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_file (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        channel text NOT NULL,
        risk_level text NOT NULL,
        district text NOT NULL,
        violence_types text[] NOT NULL,
        incident_place text NOT NULL,
        incident_date date,
        perpetrator_relation text,
        incident_narrative text,
        status text NOT NULL DEFAULT 'open',
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE victim (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES case_file (id),
        name text NOT NULL,
        sex text NOT NULL,
        birth_date date,
        age_years int NOT NULL,
        district text NOT NULL,
        address text,
        id_number text,
        safety_notes text,
        consent_services boolean NOT NULL,
        consent_statistics boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX victim_case ON victim (case_id)`);
    await q.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES case_file (id),
        victim_id uuid NOT NULL REFERENCES victim (id),
        service text NOT NULL,
        agency_id text NOT NULL,
        state text NOT NULL,
        request_notes text,
        consent_override_reason text,
        outcome_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX referral_case ON referral (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referral`);
    await q.query(`DROP TABLE victim`);
    await q.query(`DROP TABLE case_file`);
  }
}
