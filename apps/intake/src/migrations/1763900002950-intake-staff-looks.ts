import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each staff member has seen of the changes on her cases
 * (mark-changes-seen/): her last look, and the events she saw just before
 * it, so an event whose transaction committed after she looked, though
 * stamped earlier, is still listed (see StaffLookRepository).
 */
export class IntakeStaffLooks1763900002950 implements MigrationInterface {
  name = 'IntakeStaffLooks1763900002950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff_look (staff_id uuid PRIMARY KEY, looked_at timestamptz NOT NULL)`);
    await q.query(`
      CREATE TABLE staff_seen (
        staff_id uuid NOT NULL,
        event_id uuid NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (staff_id, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_seen`);
    await q.query(`DROP TABLE staff_look`);
  }
}
