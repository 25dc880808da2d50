import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportingFacts1763900003000 implements MigrationInterface {
  name = 'ReportingFacts1763900003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_fact (
        case_id uuid PRIMARY KEY,
        source_agency text NOT NULL,
        kind text NOT NULL,
        channel text NOT NULL,
        month text NOT NULL,
        district text NOT NULL,
        violence_types text[] NOT NULL,
        place text NOT NULL,
        perpetrator_relation text
      )`);
    await q.query(`
      CREATE TABLE victim_fact (
        victim_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        sex text NOT NULL,
        age_band text NOT NULL,
        child boolean NOT NULL,
        district text NOT NULL
      )`);
    await q.query(`CREATE TABLE referral_fact (referral_id uuid PRIMARY KEY, service text NOT NULL, status text NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referral_fact`);
    await q.query(`DROP TABLE victim_fact`);
    await q.query(`DROP TABLE case_fact`);
  }
}
