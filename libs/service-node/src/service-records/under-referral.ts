import { ConflictException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { ServiceType } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import type { IncomingReferral } from '../referral-inbox/incoming-referral.entity.js';
import type { ReferralInboxService } from '../referral-inbox/referral-inbox.service.js';
import { assertHolder } from '../referral-inbox/referral-ownership.js';

/**
 * The referral a service is recorded under, locked: it must be for one of
 * `services`, accepted (accept it first: that assigns it), and for a case
 * worker hers. A declined, revoked or completed referral takes no new record.
 */
export async function acceptedReferral(
  tx: Transaction,
  inbox: ReferralInboxService,
  referralId: string,
  staff: Principal,
  services: readonly ServiceType[],
): Promise<IncomingReferral> {
  const referral = await inbox.get(tx, referralId, true);
  if (!services.includes(referral.service!))
    throw new ConflictException(`this is a ${referral.service} referral; this record belongs under a ${services.join(' or ')} referral`);
  assertHolder(referral, staff);
  if (referral.state !== 'accepted') throw new ConflictException(notAcceptedMessage(referral.state));
  return referral;
}

/** Why nothing is recorded under a referral in `state`: only a requested one is to be accepted first. */
export function notAcceptedMessage(state: string): string {
  if (state === 'requested') return 'referral is requested; services are recorded under an accepted referral (accept it first)';
  if (state === 'completed') return 'referral is completed; the service is finished and takes no new record';
  if (state === 'revoked') return 'referral is revoked by intake; it takes no new record';
  if (state === 'declined') return 'referral is declined; it takes no new record';
  return `referral is ${state}; services are recorded under an accepted referral`;
}
