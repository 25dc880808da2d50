/**
 * Failed sign-ins slow a username down, then lock it for a while:
 * - the first `freeFailures` failures cost nothing;
 * - after that each further attempt must wait `baseDelayMs * 2^(extra failures - 1)`;
 * - at `lockAfter` failures the username is locked for `lockMs` after the last
 *   failure; the lock ends by itself (an administrator may end it sooner), and a
 *   failure after it locks again at once.
 * A success resets the count.
 */
export interface SignInPolicy {
  freeFailures: number;
  baseDelayMs: number;
  lockAfter: number;
  lockMs: number;
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = { freeFailures: 3, baseDelayMs: 1000, lockAfter: 10, lockMs: 15 * 60 * 1000 };

export type SignInGate =
  | { allowed: true }
  | { allowed: false; reason: 'locked'; retryAfterMs: number }
  | { allowed: false; reason: 'slow-down'; retryAfterMs: number };

/** Whether a sign-in attempt may be checked now, given the username's failure history. */
export function signInGate(policy: SignInPolicy, failures: number, lastFailureAt: Date | null, now: Date): SignInGate {
  if (failures >= policy.lockAfter) {
    const until = (lastFailureAt?.getTime() ?? now.getTime()) + policy.lockMs;
    return now.getTime() >= until ? { allowed: true } : { allowed: false, reason: 'locked', retryAfterMs: until - now.getTime() };
  }
  if (failures < policy.freeFailures || !lastFailureAt) return { allowed: true };
  const wait = policy.baseDelayMs * 2 ** (failures - policy.freeFailures);
  const readyAt = lastFailureAt.getTime() + wait;
  return now.getTime() >= readyAt ? { allowed: true } : { allowed: false, reason: 'slow-down', retryAfterMs: readyAt - now.getTime() };
}
