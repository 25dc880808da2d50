import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantNodeRole, NODE_ROLE_SETTING } from '@rujukan/persistence';

/**
 * Least privilege: when migrations run as their own role
 * (`DATABASE_MIGRATION_URL`), which then owns every table, the node's role
 * (`DATABASE_URL`) gets row access only, to these tables and, by default
 * privileges, to every table later migrations create; on the access record
 * it may only read and insert. The migration runner grants the same again
 * after each run, so a role split later is covered too.
 */
export class NodeRolePrivileges1763900000270 implements MigrationInterface {
  name = 'NodeRolePrivileges1763900000270';

  async up(q: QueryRunner): Promise<void> {
    const [{ role }] = (await q.query(`SELECT current_setting('${NODE_ROLE_SETTING}', true) AS role`)) as Array<{ role: string | null }>;
    await grantNodeRole((sql) => q.query(sql), role);
  }

  async down(q: QueryRunner): Promise<void> {
    const [{ role }] = (await q.query(`SELECT current_setting('${NODE_ROLE_SETTING}', true) AS role`)) as Array<{ role: string | null }>;
    if (!role || !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(role)) return;
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM "${role}"`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM "${role}"`);
  }
}
