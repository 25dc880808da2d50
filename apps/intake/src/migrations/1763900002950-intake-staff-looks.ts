import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each staff member last looked at what changed on her cases
 * (mark-changes-seen/): her home page lists what agencies did since.
 */
export class IntakeStaffLooks1763900002950 implements MigrationInterface {
  name = 'IntakeStaffLooks1763900002950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff_look (staff_id uuid PRIMARY KEY, looked_at timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_look`);
  }
}
