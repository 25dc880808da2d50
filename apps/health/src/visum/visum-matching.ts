import type { ReferralState, ServiceType } from '@rujukan/contracts';

export interface ReferralCandidate {
  referralId: string;
  caseId: string | null;
  victimId: string | null;
  service: ServiceType | null;
  state: ReferralState;
  receivedAt: Date;
}

/** Referral states under which this agency has her as a patient: she was accepted (and perhaps her care completed). */
const SERVED: readonly ReferralState[] = ['accepted', 'completed'];

/**
 * The health referral a visum request belongs to, or null while there is
 * none: same victim and same case (intake's ids in both envelopes), a health
 * referral, accepted or completed (a requested one is not a patient yet; a
 * declined or revoked one never was). An accepted referral (care under way)
 * wins over a completed one; then the latest.
 */
export function matchVisumRequest(request: { caseId: string; victimId: string }, candidates: readonly ReferralCandidate[]): string | null {
  const served = candidates
    .filter((r) => r.service === 'health' && r.victimId === request.victimId && r.caseId === request.caseId && SERVED.includes(r.state))
    .sort((a, b) => Number(b.state === 'accepted') - Number(a.state === 'accepted') || b.receivedAt.getTime() - a.receivedAt.getTime());
  return served[0]?.referralId ?? null;
}
