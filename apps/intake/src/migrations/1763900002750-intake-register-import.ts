import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Past registers brought in: each case by its own register number at the
 * importing agency, so a re-import changes nothing. A de-identified case
 * (closed longer ago than the retention) has no case here, only this row.
 */
export class IntakeRegisterImport1763900002750 implements MigrationInterface {
  name = 'IntakeRegisterImport1763900002750';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE register_import (
        agency_id text NOT NULL,
        register_number text NOT NULL,
        case_id uuid REFERENCES case_file (id),
        statistics_case_id uuid NOT NULL,
        deidentified boolean NOT NULL,
        rows int NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agency_id, register_number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE register_import`);
  }
}
