import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's notes and follow-up tasks (write-case-note/, set-follow-up/,
 * complete-follow-up/): kept at intake only, their words sealed with the
 * case's data key, never sent to another agency.
 */
export class IntakeCaseNotes1763900002900 implements MigrationInterface {
  name = 'IntakeCaseNotes1763900002900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_note (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES case_file (id),
        body text NOT NULL,
        written_by uuid NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_note_of_case ON case_note (case_id, written_at)`);
    await q.query(`
      CREATE TABLE follow_up (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES case_file (id),
        task text NOT NULL,
        due_on date NOT NULL,
        owner_id uuid NOT NULL,
        set_by uuid NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        done_by uuid,
        done_at timestamptz
      )`);
    await q.query(`CREATE INDEX follow_up_of_case ON follow_up (case_id, due_on)`);
    // Each staff member's open tasks by due day: what her home page asks for.
    await q.query(`CREATE INDEX follow_up_open_by_owner ON follow_up (owner_id, due_on) WHERE done_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE follow_up`);
    await q.query(`DROP TABLE case_note`);
  }
}
