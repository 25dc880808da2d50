import type { EntityManager } from 'typeorm';

/** The one statement messaging runs on a node's own tables: emptying projections before a rebuild. */
export class ProjectionRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Deletes every row of these tables; a name that is not a plain table name is refused. */
  async empty(tables: readonly string[]): Promise<void> {
    for (const t of tables) {
      if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new Error(`not a table name: ${t}`);
      await this.manager.query(`DELETE FROM ${t}`);
    }
  }
}
