import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeHandOver1763900001800 implements MigrationInterface {
  name = 'IntakeHandOver1763900001800';

  async up(q: QueryRunner): Promise<void> {
    // Pseudonyms stored from now on; older rows keep computing theirs from the key.
    await q.query(`ALTER TABLE case_file ADD COLUMN statistics_id uuid, ADD COLUMN handed_over_from text`);
    await q.query(`ALTER TABLE victim ADD COLUMN statistics_id uuid`);
    await q.query(`
      CREATE TABLE handover_out (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES case_file (id),
        to_agency text NOT NULL,
        reason text NOT NULL,
        state text NOT NULL CHECK (state IN ('requested', 'accepted', 'declined')),
        disclosure_override_reason text,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz,
        answered_by text,
        decline_reason text
      )`);
    // One hand-over at a time per case.
    await q.query(`CREATE UNIQUE INDEX handover_out_one_open ON handover_out (case_id) WHERE state = 'requested'`);
    await q.query(`
      CREATE TABLE handover_in (
        id uuid PRIMARY KEY,
        from_agency text NOT NULL,
        sender_case_id uuid NOT NULL,
        state text NOT NULL CHECK (state IN ('requested', 'accepted', 'declined')),
        request jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz,
        answered_by text,
        decline_reason text,
        case_id uuid REFERENCES case_file (id)
      )`);
    await q.query(`CREATE INDEX handover_in_state ON handover_in (state, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE handover_in`);
    await q.query(`DROP TABLE handover_out`);
    await q.query(`ALTER TABLE victim DROP COLUMN statistics_id`);
    await q.query(`ALTER TABLE case_file DROP COLUMN statistics_id, DROP COLUMN handed_over_from`);
  }
}
