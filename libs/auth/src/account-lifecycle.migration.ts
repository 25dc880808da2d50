import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts that can be disabled, change role and password, and hold a second
 * factor; recovery codes (hashed, single use); alerts for the agency's
 * administrators; failure counts kept only for usernames that are accounts.
 */
export class AuthAccountLifecycle1763900000220 implements MigrationInterface {
  name = 'AuthAccountLifecycle1763900000220';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE staff_account
        ADD COLUMN disabled_at timestamptz,
        ADD COLUMN token_version int NOT NULL DEFAULT 0,
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_pending_secret text,
        ADD COLUMN totp_last_step bigint`);
    await q.query(`
      CREATE TABLE staff_recovery_code (
        staff_id uuid NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        PRIMARY KEY (staff_id, code_hash)
      )`);
    // What an administrator is told: which account got which role, by whom (ids only, no names).
    await q.query(`
      CREATE TABLE staff_alert (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL,
        staff_id uuid NOT NULL,
        role text NOT NULL,
        by_staff_id text NOT NULL
      )`);
    await q.query(`CREATE INDEX staff_alert_at ON staff_alert (at)`);
    // Unknown usernames are counted in memory from now on (bounded); their old rows go.
    await q.query(`DELETE FROM sign_in_attempt a WHERE NOT EXISTS (SELECT 1 FROM staff_account s WHERE s.username = a.username)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_alert`);
    await q.query(`DROP TABLE staff_recovery_code`);
    await q.query(`
      ALTER TABLE staff_account
        DROP COLUMN totp_last_step,
        DROP COLUMN totp_pending_secret,
        DROP COLUMN totp_secret,
        DROP COLUMN must_change_password,
        DROP COLUMN token_version,
        DROP COLUMN disabled_at`);
  }
}
