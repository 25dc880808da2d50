export * from './request-fingerprint.js';
export * from './idempotency.settings.js';
export * from './idempotency.decorator.js';
export * from './idempotency.migration.js';
export { IdempotencyRepository } from './idempotency.repository.js';
export {
  IdempotencyInterceptor,
  parseIdempotencyKey,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_REPLAYED_HEADER,
} from './idempotency.interceptor.js';
export { IdempotencyModule } from './idempotency.module.js';
