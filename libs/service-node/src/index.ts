export * from './service-node.module.js';
export * from './referral-inbox/incoming-referral.entity.js';
export * from './referral-inbox/referral-inbox.migration.js';
export * from './referral-inbox/referral-inbox.module.js';
export * from './referral-inbox/referral-inbox.service.js';
export * from './service-records/service-node.settings.js';
export * from './service-records/service-recorder.js';
