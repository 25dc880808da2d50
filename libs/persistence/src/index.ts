export { dataSourceOptions } from './data-source-options.js';
export type { DatabaseSettings } from './data-source-options.js';
export { dropDatabase, ensureDatabase } from './ensure-database.js';
export { isDatabaseHealthy } from './database-health.js';
export { grantNodeRole, NODE_ROLE_SETTING, roleOfUrl, runMigrationsAs } from './node-role.js';
