import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The UPTD PPA's own functions as records (outreach visits, mediation
 * sessions, accompaniment), and each victim's occupation and disabilities
 * for the national breakdowns.
 */
export class IntakeFunctions1763900002740 implements MigrationInterface {
  name = 'IntakeFunctions1763900002740';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE victim ADD COLUMN occupation text, ADD COLUMN disabilities text[]`);
    await q.query(`
      CREATE TABLE outreach_visit (
        id uuid PRIMARY KEY,
        visited_on date NOT NULL,
        district text NOT NULL,
        place text NOT NULL,
        staff text[] NOT NULL,
        outcome text NOT NULL,
        complaints int NOT NULL DEFAULT 0,
        case_id uuid REFERENCES case_file (id),
        note text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX outreach_visit_day ON outreach_visit (visited_on)`);
    await q.query(`
      CREATE TABLE mediation_session (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES case_file (id),
        victim_id uuid NOT NULL REFERENCES victim (id),
        held_on date NOT NULL,
        parties text[] NOT NULL,
        outcome text NOT NULL,
        agreement text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mediation_session_case ON mediation_session (case_id, held_on)`);
    await q.query(`
      CREATE TABLE accompaniment (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES case_file (id),
        victim_id uuid NOT NULL REFERENCES victim (id),
        accompanied_on date NOT NULL,
        destination text NOT NULL,
        staff text[] NOT NULL,
        note text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX accompaniment_case ON accompaniment (case_id, accompanied_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE accompaniment`);
    await q.query(`DROP TABLE mediation_session`);
    await q.query(`DROP TABLE outreach_visit`);
    await q.query(`ALTER TABLE victim DROP COLUMN occupation, DROP COLUMN disabilities`);
  }
}
