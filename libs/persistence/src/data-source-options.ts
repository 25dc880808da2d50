import { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { SafeTypeOrmLogger } from './safe-typeorm-logger.js';

export interface DatabaseSettings {
  /** postgres://user@host:port/database */
  url: string;
  entities: MixedList<Function | string | EntitySchema>;
  /** Migration classes, listed explicitly: file globs do not survive ESM builds. */
  migrations: MixedList<Function>;
  /** Apply pending migrations when the node starts. */
  migrationsRun?: boolean;
  poolSize?: number;
  /** Milliseconds to wait for a connection; short so an outage is seen quickly. */
  connectTimeoutMs?: number;
}

/** TypeORM options every node uses: PostgreSQL, migrations only, never `synchronize`. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsRun: settings.migrationsRun ?? false,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    logger: new SafeTypeOrmLogger(),
    maxQueryExecutionTime: 5000,
    poolSize: settings.poolSize ?? 10,
    extra: {
      connectionTimeoutMillis: settings.connectTimeoutMs ?? 5000,
      // Statements cannot hang a consumer forever when the database stalls.
      statement_timeout: 30000,
      // ...and a stalled socket cannot either (client side).
      query_timeout: 35000,
    },
  };
}
