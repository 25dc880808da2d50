import { MigrationInterface, QueryRunner } from 'typeorm';

/** Case numbers as the unit's register keeps them: year and a running number (2026-0042). */
export class IntakeCaseNumber1763900001900 implements MigrationInterface {
  name = 'IntakeCaseNumber1763900001900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE case_number_counter (year int PRIMARY KEY, last int NOT NULL)`);
    await q.query(`ALTER TABLE case_file ADD COLUMN case_number text`);
    // Cases registered before numbers existed are numbered in registration order (years in UTC+7).
    await q.query(`
      WITH numbered AS (
        SELECT id, extract(year FROM registered_at AT TIME ZONE 'Asia/Jakarta')::int AS y,
               row_number() OVER (PARTITION BY extract(year FROM registered_at AT TIME ZONE 'Asia/Jakarta') ORDER BY registered_at, id) AS n
        FROM case_file)
      UPDATE case_file c SET case_number = numbered.y || '-' || lpad(numbered.n::text, 4, '0') FROM numbered WHERE numbered.id = c.id`);
    await q.query(
      `INSERT INTO case_number_counter (year, last) SELECT split_part(case_number, '-', 1)::int, count(*) FROM case_file GROUP BY 1`,
    );
    await q.query(`ALTER TABLE case_file ALTER COLUMN case_number SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX case_file_number ON case_file (case_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_file DROP COLUMN case_number`);
    await q.query(`DROP TABLE case_number_counter`);
  }
}
