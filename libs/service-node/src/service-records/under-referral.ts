import { ConflictException, ForbiddenException } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import type { ServiceType } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { fieldErrorsException } from '@rujukan/platform';
import type { IncomingReferral } from '../referral-inbox/incoming-referral.entity.js';
import type { ReferralInboxService } from '../referral-inbox/referral-inbox.service.js';
import { dayAsDate, dayInZone } from './service-day.js';

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
  if (!services.includes(referral.service!)) throw new ConflictException(`this is a ${referral.service} referral; this record belongs under a ${services.join(' or ')} referral`);
  if (staff.role === 'case-worker' && referral.assigneeId && referral.assigneeId !== staff.staffId) {
    throw new ForbiddenException('this referral is assigned to someone else');
  }
  if (referral.state !== 'accepted') throw new ConflictException(`referral is ${referral.state}; services are recorded under an accepted referral (accept it first)`);
  return referral;
}

/** Today's date (YYYY-MM-DD) in the node's time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return dayInZone(now, timeZone);
}

/** Refuses dates after today (in the node's zone), naming the fields. */
export function notInFuture(dates: Record<string, string | undefined>, timeZone: string): void {
  const today = todayIn(timeZone);
  const fields: Record<string, string[]> = {};
  for (const [field, date] of Object.entries(dates)) if (date && date > today) fields[field] = [`${field} must not be in the future`];
  if (Object.keys(fields).length) throw fieldErrorsException(fields);
}

/** The service's month for reporting: the date's own day, in any Indonesian zone. */
export const dayAt = dayAsDate;
