import { MigrationInterface, QueryRunner } from 'typeorm';

export class HealthRecords1763900004000 implements MigrationInterface {
  name = 'HealthRecords1763900004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE health_record (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES incoming_referral (referral_id),
        activity text NOT NULL CHECK (activity IN ('health-visit', 'medical-examination', 'medical-treatment', 'hospital-referral', 'psychological-first-aid')),
        occurred_on date NOT NULL,
        kind text,
        to_agency_id text,
        notes text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        service_record_id uuid,
        CHECK ((activity = 'hospital-referral') = (to_agency_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX health_record_referral ON health_record (referral_id, occurred_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE health_record`);
  }
}
