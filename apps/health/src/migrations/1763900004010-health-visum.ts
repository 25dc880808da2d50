import { MigrationInterface, QueryRunner } from 'typeorm';

export class HealthVisum1763900004010 implements MigrationInterface {
  name = 'HealthVisum1763900004010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE visum_request (
        id uuid PRIMARY KEY,
        from_agency text NOT NULL,
        case_id uuid NOT NULL,
        victim_id uuid NOT NULL,
        kind text NOT NULL,
        letter_number text NOT NULL,
        requested_on date NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        state text NOT NULL CHECK (state IN ('requested', 'issued', 'declined')),
        referral_id uuid REFERENCES incoming_referral (referral_id),
        reference_number text,
        issued_on date,
        decline_reason text,
        decline_note text,
        answered_by text,
        answered_at timestamptz,
        service_record_id uuid,
        CHECK ((state = 'issued') = (reference_number IS NOT NULL AND issued_on IS NOT NULL AND referral_id IS NOT NULL)),
        CHECK ((state = 'declined') = (decline_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX visum_request_victim ON visum_request (victim_id)`);
    await q.query(`CREATE UNIQUE INDEX visum_request_reference ON visum_request (reference_number) WHERE reference_number IS NOT NULL`);
    await q.query(`CREATE INDEX incoming_referral_victim ON incoming_referral (victim_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX incoming_referral_victim`);
    await q.query(`DROP TABLE visum_request`);
  }
}
