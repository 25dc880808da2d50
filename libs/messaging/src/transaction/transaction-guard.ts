import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/**
 * A check that runs first in every transaction `UnitOfWork.run` opens while
 * it is in scope; throwing from it rolls the transaction back. The HTTP
 * idempotency claim uses it so that a request's effect commits only while the
 * request still holds its key, in the same transaction as the effect.
 */
export type TransactionGuard = (manager: EntityManager) => Promise<void>;

const storage = new AsyncLocalStorage<TransactionGuard>();

/** Runs `fn` (and everything it starts) with `guard` applied to its transactions. */
export function runWithTransactionGuard<T>(guard: TransactionGuard, fn: () => T): T {
  return storage.run(guard, fn);
}

/** The guard in scope, if any. */
export function currentTransactionGuard(): TransactionGuard | undefined {
  return storage.getStore();
}
