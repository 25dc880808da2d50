import { ForbiddenException, UnprocessableEntityException } from '@nestjs/common';
import type { StaffRole } from '@rujukan/contracts';

/**
 * The one rule for acting on a victim's data without her consent on record
 * (a referral without consent to its service, a hand-over without consent to
 * disclosure): refused, unless a supervisor gives a reason, which the caller
 * records. Returns the override reason to record, or null when consent covers it.
 */
export function consentGate(check: {
  /** What the consent is to, as the refusal should say it: "services", "disclosure". */
  consentTo: string;
  /** Victims (of those concerned) without that consent on record. */
  missing: number;
  of: number;
  overrideReason?: string;
  role: StaffRole;
  field: string;
}): string | null {
  if (check.missing === 0) return null;
  if (!check.overrideReason) {
    const who = check.of === 1 ? 'this victim' : `${check.missing} of ${check.of} victims`;
    throw new UnprocessableEntityException(
      `no consent to ${check.consentTo} is on record for ${who}; record it, or a supervisor may go ahead with ${check.field}`,
    );
  }
  if (check.role !== 'supervisor')
    throw new ForbiddenException(`only a supervisor may go ahead without consent to ${check.consentTo} on record`);
  return check.overrideReason;
}
