import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeEducation1763900002200 implements MigrationInterface {
  name = 'IntakeEducation1763900002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE victim ADD COLUMN education text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE victim DROP COLUMN education`);
  }
}
