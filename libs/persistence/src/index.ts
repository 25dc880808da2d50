export * from './data-source-options.js';
export * from './ensure-database.js';
export * from './database-health.js';
export * from './safe-typeorm-logger.js';
