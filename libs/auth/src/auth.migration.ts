import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthTables1763900000200 implements MigrationInterface {
  name = 'AuthTables1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        role text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Failures are counted per username tried, existing or not, so the answers
    // (slow down, locked) do not tell which usernames exist.
    await q.query(`
      CREATE TABLE sign_in_attempt (
        username text PRIMARY KEY,
        failures int NOT NULL DEFAULT 0,
        last_failed_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE access_record (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        staff_id text NOT NULL,
        role text NOT NULL,
        action text NOT NULL,
        resource text NOT NULL,
        resource_id text,
        route text NOT NULL,
        from_address text,
        not_owner boolean NOT NULL DEFAULT false,
        outcome text NOT NULL
      )`);
    await q.query(`CREATE INDEX access_record_resource ON access_record (resource, resource_id, at)`);
    await q.query(`CREATE INDEX access_record_staff ON access_record (staff_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_record`);
    await q.query(`DROP TABLE sign_in_attempt`);
    await q.query(`DROP TABLE staff_account`);
  }
}
