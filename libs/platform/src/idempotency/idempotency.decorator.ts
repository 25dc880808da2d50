// Declared in libs/auth, whose account routes (answers holding secrets) need it too.
export { NO_IDEMPOTENCY, NoIdempotency } from '@rujukan/auth';
