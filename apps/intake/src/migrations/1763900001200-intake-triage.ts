import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeTriage1763900001200 implements MigrationInterface {
  name = 'IntakeTriage1763900001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_file ADD COLUMN first_response_due_at timestamptz`);
    await q.query(`ALTER TABLE case_file ADD COLUMN first_responded_at timestamptz`);
    await q.query(`ALTER TABLE case_file ADD COLUMN overdue_alerted_at timestamptz`);
    await q.query(`UPDATE case_file SET first_response_due_at = registered_at`);
    await q.query(`CREATE INDEX case_file_awaiting_response ON case_file (first_response_due_at) WHERE first_responded_at IS NULL`);
    await q.query(`
      CREATE TABLE case_alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES case_file (id),
        kind text NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_by text,
        acknowledged_at timestamptz,
        UNIQUE (case_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_alert`);
    await q.query(`ALTER TABLE case_file DROP COLUMN overdue_alerted_at`);
    await q.query(`ALTER TABLE case_file DROP COLUMN first_responded_at`);
    await q.query(`ALTER TABLE case_file DROP COLUMN first_response_due_at`);
  }
}
