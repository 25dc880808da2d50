import { MigrationInterface, QueryRunner } from 'typeorm';

export class ShelterFacilities1763900002100 implements MigrationInterface {
  name = 'ShelterFacilities1763900002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE facility (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('temporary-shelter', 'safe-house')),
        district text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE facility_room (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facility (id),
        name text NOT NULL,
        sex text NOT NULL CHECK (sex IN ('female', 'male')),
        age_group text NOT NULL CHECK (age_group IN ('child', 'adult')),
        beds int NOT NULL CHECK (beds > 0),
        UNIQUE (facility_id, name)
      )`);
    await q.query(`ALTER TABLE admission ADD COLUMN room_id uuid REFERENCES facility_room (id)`);
    await q.query(`CREATE INDEX admission_present ON admission (room_id) WHERE discharged_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE admission DROP COLUMN room_id`);
    await q.query(`DROP TABLE facility_room`);
    await q.query(`DROP TABLE facility`);
  }
}
