import type { Principal } from '@rujukan/auth';
import type { ServiceType } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { consentGate } from './consent-gate.js';
import type { ConsentRepository } from './consent.repository.js';

/**
 * The consent rule of every referral, to a node of the network or to an
 * agency outside it: her consent to the service on record, or a supervisor's
 * reason. Returns the override reason to record, or null.
 */
export async function referralConsent(
  tx: Transaction,
  consents: ConsentRepository,
  ask: { victimId: string; service: ServiceType; overrideReason?: string; staff: Principal },
): Promise<string | null> {
  const consented = await consents.has(tx, ask.victimId, 'services', ask.service);
  return consentGate({
    consentTo: `services (${ask.service})`,
    missing: consented ? 0 : 1,
    of: 1,
    overrideReason: ask.overrideReason,
    role: ask.staff.role,
    field: 'consentOverrideReason',
  });
}
