import { MigrationInterface, QueryRunner } from 'typeorm';

/** Retention after closure (erase-after-retention/) and a case's legal hold that stops it (record-legal-hold/). */
export class IntakeRetention1763900002820 implements MigrationInterface {
  name = 'IntakeRetention1763900002820';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_file ADD COLUMN retention_erased_at timestamptz`);
    await q.query(`CREATE INDEX case_file_closed_kept ON case_file (closed_at) WHERE status = 'closed' AND retention_erased_at IS NULL`);
    await q.query(`ALTER TABLE handover_in ADD COLUMN request_erased_at timestamptz`);
    await q.query(`
      CREATE TABLE case_legal_hold (
        case_id uuid PRIMARY KEY REFERENCES case_file (id),
        reason text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_legal_hold`);
    await q.query(`ALTER TABLE handover_in DROP COLUMN request_erased_at`);
    await q.query(`DROP INDEX case_file_closed_kept`);
    await q.query(`ALTER TABLE case_file DROP COLUMN retention_erased_at`);
  }
}
