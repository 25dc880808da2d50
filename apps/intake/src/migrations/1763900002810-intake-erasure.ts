import { MigrationInterface, QueryRunner } from 'typeorm';

/** A victim's erasure on request and where she stands at each agency (erase-victim/): no foreign key to her, whose data goes. */
export class IntakeErasure1763900002810 implements MigrationInterface {
  name = 'IntakeErasure1763900002810';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE victim_erasure (
        erasure_id uuid PRIMARY KEY,
        victim_id uuid NOT NULL UNIQUE,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE victim_erasure_answer (
        erasure_id uuid NOT NULL REFERENCES victim_erasure (erasure_id),
        agency_id text NOT NULL,
        outcome text,
        legal_hold text,
        forwarded_by text,
        answered_at timestamptz,
        PRIMARY KEY (erasure_id, agency_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE victim_erasure_answer`);
    await q.query(`DROP TABLE victim_erasure`);
  }
}
