/**
 * Failed sign-ins slow an account down, then lock it:
 * - the first `freeFailures` failures cost nothing;
 * - after that each further attempt must wait `baseDelayMs * 2^(extra failures - 1)`;
 * - at `lockAfter` failures the account is locked until an administrator unlocks it.
 * A success resets the count.
 */
export interface SignInPolicy {
  freeFailures: number;
  baseDelayMs: number;
  lockAfter: number;
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = { freeFailures: 3, baseDelayMs: 1000, lockAfter: 10 };

export type SignInGate =
  { allowed: true } | { allowed: false; reason: 'locked' } | { allowed: false; reason: 'slow-down'; retryAfterMs: number };

/** Whether a sign-in attempt may be checked now, given the account's failure history. */
export function signInGate(policy: SignInPolicy, failures: number, lastFailureAt: Date | null, now: Date): SignInGate {
  if (failures >= policy.lockAfter) return { allowed: false, reason: 'locked' };
  if (failures < policy.freeFailures || !lastFailureAt) return { allowed: true };
  const wait = policy.baseDelayMs * 2 ** (failures - policy.freeFailures);
  const readyAt = lastFailureAt.getTime() + wait;
  return now.getTime() >= readyAt ? { allowed: true } : { allowed: false, reason: 'slow-down', retryAfterMs: readyAt - now.getTime() };
}
