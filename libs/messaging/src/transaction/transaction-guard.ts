import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/**
 * A check that runs first in every transaction `UnitOfWork.run` opens while
 * it is in scope; throwing from it rolls the transaction back. The HTTP
 * idempotency claim uses it so that a request's effect commits only while the
 * request still holds its key, in the same transaction as the effect.
 */
export type TransactionGuard = (manager: EntityManager) => Promise<void>;

/**
 * What a caller adds to every transaction `UnitOfWork.run` opens while it is
 * in scope: a guard that runs first, a step that runs last (after the work
 * returned, just before COMMIT, with the work's result), and a notice once
 * the transaction committed. The access record writes its row in the last
 * step, so the row commits with the change it records and the chain's lock
 * is held only from that insert to the commit.
 */
export interface TransactionHooks {
  first?: TransactionGuard;
  beforeCommit?: (manager: EntityManager, result: unknown) => Promise<void>;
  afterCommit?: () => void;
}

const storage = new AsyncLocalStorage<readonly TransactionHooks[]>();

/** Runs `fn` (and everything it starts) with `hooks` added to its transactions (outer scopes' hooks stay). */
export function runWithTransactionHooks<T>(hooks: TransactionHooks, fn: () => T): T {
  return storage.run([...(storage.getStore() ?? []), hooks], fn);
}

/** Runs `fn` (and everything it starts) with `guard` applied to its transactions. */
export function runWithTransactionGuard<T>(guard: TransactionGuard, fn: () => T): T {
  return runWithTransactionHooks({ first: guard }, fn);
}

/** The hooks in scope, outermost first. */
export function currentTransactionHooks(): readonly TransactionHooks[] {
  return storage.getStore() ?? [];
}
