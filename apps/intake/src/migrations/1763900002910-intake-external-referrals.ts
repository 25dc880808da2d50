import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals to an agency that runs no node (refer-externally/): a row of
 * `referral` with agency_id 'external', the outside agency's name and address
 * as the case worker gave them (sealed with her data key: where she was sent
 * says something about her), and each answer recorded by hand, kept for the
 * case's timeline (no event goes on the bus for them).
 */
export class IntakeExternalReferrals1763900002910 implements MigrationInterface {
  name = 'IntakeExternalReferrals1763900002910';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referral ADD COLUMN external_agency_name text, ADD COLUMN external_agency_address text`);
    await q.query(`
      CREATE TABLE external_referral_answer (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referral (id),
        state text NOT NULL,
        decline_code text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX external_referral_answer_of_referral ON external_referral_answer (referral_id, recorded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE external_referral_answer`);
    await q.query(`ALTER TABLE referral DROP COLUMN external_agency_address, DROP COLUMN external_agency_name`);
  }
}
