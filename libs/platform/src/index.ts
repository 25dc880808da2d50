export * from './node-config.js';
export * from './node-logger.js';
export * from './correlation.middleware.js';
export * from './validation.js';
export * from './bootstrap-node.js';
export * from './agency-directory.js';
export * from './health.controller.js';
export * from './node-core.module.js';
