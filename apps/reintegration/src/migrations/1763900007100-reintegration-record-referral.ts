import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A follow-up visit and a journey's leg name their referral too (not only
 * their plan or journey): what they say about her is sealed with the
 * referral's data key, which her erasure destroys.
 */
export class ReintegrationRecordReferral1763900007100 implements MigrationInterface {
  name = 'ReintegrationRecordReferral1763900007100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE follow_up_visit ADD COLUMN referral_id uuid`);
    await q.query(`UPDATE follow_up_visit v SET referral_id = p.referral_id FROM reintegration_plan p WHERE p.id = v.plan_id`);
    await q.query(`ALTER TABLE follow_up_visit ALTER COLUMN referral_id SET NOT NULL`);
    await q.query(`ALTER TABLE repatriation_leg ADD COLUMN referral_id uuid`);
    await q.query(`UPDATE repatriation_leg l SET referral_id = j.referral_id FROM repatriation_journey j WHERE j.id = l.journey_id`);
    await q.query(`ALTER TABLE repatriation_leg ALTER COLUMN referral_id SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE repatriation_leg DROP COLUMN referral_id`);
    await q.query(`ALTER TABLE follow_up_visit DROP COLUMN referral_id`);
  }
}
