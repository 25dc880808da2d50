import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One case per incident: a further report of the same incident (another
 * channel, another reporter) is kept with the case it is about, with its own
 * channel, reporter and time, instead of opening a second case.
 */
export class IntakeCaseReports1763900002720 implements MigrationInterface {
  name = 'IntakeCaseReports1763900002720';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_report (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES case_file (id),
        victim_id uuid NOT NULL REFERENCES victim (id),
        channel text NOT NULL,
        basis text NOT NULL,
        reporter_relation text,
        reporter_anonymous boolean NOT NULL DEFAULT false,
        reporter_name text,
        reporter_phone text,
        note text,
        recorded_by text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_report_case ON case_report (case_id, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_report`);
  }
}
