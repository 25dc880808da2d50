import { MigrationInterface, QueryRunner } from 'typeorm';

export class ShelterAdmissions1763900002000 implements MigrationInterface {
  name = 'ShelterAdmissions1763900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL UNIQUE REFERENCES incoming_referral (referral_id),
        admitted_at timestamptz NOT NULL DEFAULT now(),
        safety_plan text,
        discharged_at timestamptz,
        discharge_destination text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE admission`);
  }
}
