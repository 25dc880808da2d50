import { MigrationInterface, QueryRunner } from 'typeorm';

const COMMON = `
  id uuid PRIMARY KEY,
  referral_id uuid NOT NULL REFERENCES incoming_referral (referral_id),
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  service_record_id uuid`;

export class LegalAidSupport1763900005010 implements MigrationInterface {
  name = 'LegalAidSupport1763900005010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE counsel_assignment (${COMMON}, counsel_name text NOT NULL, organisation text, assigned_on date NOT NULL)`);
    await q.query(`CREATE TABLE accompaniment (${COMMON}, accompanied_on date NOT NULL, kind text NOT NULL, notes text)`);
    await q.query(
      `CREATE TABLE restitution_claim (${COMMON}, filed_on date NOT NULL, filed_with text NOT NULL, amount_idr bigint NOT NULL CHECK (amount_idr > 0), notes text)`,
    );
    await q.query(`CREATE TABLE diversion (${COMMON}, held_on date NOT NULL, level text NOT NULL, result text NOT NULL, notes text)`);
    for (const t of ['counsel_assignment', 'accompaniment', 'restitution_claim', 'diversion'])
      await q.query(`CREATE INDEX ${t}_referral ON ${t} (referral_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['diversion', 'restitution_claim', 'accompaniment', 'counsel_assignment']) await q.query(`DROP TABLE ${t}`);
  }
}
