import { SetMetadata } from '@nestjs/common';

export const NO_IDEMPOTENCY = 'rujukan:no-idempotency';

/**
 * This POST ignores `Idempotency-Key` (its answer must not be stored, or
 * repeating it is harmless). Public routes (sign-in) are exempt already:
 * there is no account to scope the key to, and a token must not be stored.
 * Defined here, below libs/platform's idempotency, so the account routes whose
 * answers hold a secret (a one-time password, a TOTP secret, recovery codes) can say so.
 */
export const NoIdempotency = () => SetMetadata(NO_IDEMPOTENCY, true);
