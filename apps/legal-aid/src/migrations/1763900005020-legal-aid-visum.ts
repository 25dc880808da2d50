import { MigrationInterface, QueryRunner } from 'typeorm';

export class LegalAidVisum1763900005020 implements MigrationInterface {
  name = 'LegalAidVisum1763900005020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE visum_request (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES incoming_referral (referral_id),
        health_agency_id text NOT NULL,
        kind text NOT NULL,
        letter_number text NOT NULL,
        requested_on date NOT NULL,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        state text NOT NULL CHECK (state IN ('requested', 'issued', 'declined')),
        reference_number text,
        issued_on date,
        decline_reason text,
        decline_note text,
        answered_at timestamptz
      )`);
    // One open request per referral and health agency.
    await q.query(`CREATE UNIQUE INDEX visum_request_one_open ON visum_request (referral_id, health_agency_id) WHERE state = 'requested'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE visum_request`);
  }
}
