import { MigrationInterface, QueryRunner } from 'typeorm';

/** A closed case reopened by a supervisor, with the reason and the closure it undid (kept for the timeline). */
export class IntakeCaseReopening1763900002730 implements MigrationInterface {
  name = 'IntakeCaseReopening1763900002730';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_reopening (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES case_file (id),
        closed_at timestamptz NOT NULL,
        closed_by text,
        closure_note text,
        reopened_at timestamptz NOT NULL DEFAULT now(),
        reopened_by text NOT NULL,
        reason text NOT NULL
      )`);
    await q.query(`CREATE INDEX case_reopening_case ON case_reopening (case_id, reopened_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_reopening`);
  }
}
