import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeConsent1763900001400 implements MigrationInterface {
  name = 'IntakeConsent1763900001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consent_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        victim_id uuid NOT NULL REFERENCES victim (id),
        purpose text NOT NULL,
        service text,
        given_as text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        withdrawn_by text
      )`);
    await q.query(`CREATE INDEX consent_record_victim ON consent_record (victim_id) WHERE withdrawn_at IS NULL`);
    // Consents taken at registration before this table existed.
    await q.query(
      `INSERT INTO consent_record (victim_id, purpose, given_as, recorded_by) SELECT id, 'services', 'verbal', 'migration' FROM victim WHERE consent_services`,
    );
    await q.query(
      `INSERT INTO consent_record (victim_id, purpose, given_as, recorded_by) SELECT id, 'statistics', 'verbal', 'migration' FROM victim WHERE consent_statistics`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consent_record`);
  }
}
