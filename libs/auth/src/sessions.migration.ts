import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in sessions of local accounts: a refresh token (kept only as its
 * hash) rotated at every use, the previous one remembered so that a stolen,
 * already used token ends the session; an idle and an absolute end.
 */
export class AuthSessions1763900000280 implements MigrationInterface {
  name = 'AuthSessions1763900000280';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        staff_id uuid NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
        refresh_hash text NOT NULL UNIQUE,
        previous_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz
      )`);
    await q.query(`CREATE INDEX staff_session_previous ON staff_session (previous_hash)`);
    await q.query(`CREATE INDEX staff_session_staff ON staff_session (staff_id) WHERE ended_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_session`);
  }
}
