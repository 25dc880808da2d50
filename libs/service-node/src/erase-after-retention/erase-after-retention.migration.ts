import { MigrationInterface, QueryRunner } from 'typeorm';

/** When a declined or revoked referral's person was forgotten after the grace period (erase-after-retention/). */
export class ReferralPersonErased1763900000950 implements MigrationInterface {
  name = 'ReferralPersonErased1763900000950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incoming_referral ADD COLUMN person_erased_at timestamptz`);
    await q.query(
      `CREATE INDEX incoming_referral_ended_person ON incoming_referral (updated_at) WHERE state IN ('declined', 'revoked') AND person_erased_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX incoming_referral_ended_person`);
    await q.query(`ALTER TABLE incoming_referral DROP COLUMN person_erased_at`);
  }
}
