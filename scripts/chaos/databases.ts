import pg from 'pg';

/**
 * The run's read-only view of every node's database, straight to the server
 * (not through the proxies that cut a node's own link).
 */
export class Databases {
  private readonly pools = new Map<string, pg.Pool>();

  constructor(serverUrl: string, databases: Map<string, string>) {
    for (const [node, database] of databases) {
      const pool = new pg.Pool({ connectionString: `${serverUrl}/${database}`, max: 2 });
      pool.on('error', () => undefined);
      this.pools.set(node, pool);
    }
  }

  get nodes(): string[] {
    return [...this.pools.keys()];
  }

  async query<T>(node: string, sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pools.get(node)!.query(sql, params)).rows as T[];
  }

  /** Events written but not yet published, over every node. */
  async unsentTotal(): Promise<number> {
    let total = 0;
    for (const node of this.nodes) {
      total += Number((await this.query<{ n: string }>(node, `SELECT count(*) n FROM messaging_outbox WHERE sent_at IS NULL`))[0].n);
    }
    return total;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.end()));
  }
}
