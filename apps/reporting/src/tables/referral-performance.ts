import { DECLINE_REASON_CODES } from '@rujukan/contracts';
import type { Facts, ReferralRow } from './facts.js';

const HOUR = 3600_000;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

function performance(rows: ReferralRow[]) {
  const hours = (from: Date | null, to: Date | null) => (from && to ? (to.getTime() - from.getTime()) / HOUR : null);
  const toAccept = rows.map((r) => hours(r.requestedAt, r.acceptedAt)).filter((x): x is number => x !== null);
  const toComplete = rows.map((r) => hours(r.requestedAt, r.completedAt)).filter((x): x is number => x !== null);
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  return {
    referrals: rows.length,
    accepted: rows.filter((r) => r.acceptedAt).length,
    completed: count('completed'),
    declined: count('declined'),
    open: count('requested') + count('accepted'),
    medianHoursToAccept: round1(median(toAccept)),
    medianDaysToComplete: round1(median(toComplete) === null ? null : median(toComplete)! / 24),
  };
}

/**
 * Referral performance for the year's cases (internal view only: times and
 * agency names are about agencies, but small groups are not suppressed here).
 */
export function referralPerformance(facts: Facts, year: number) {
  const caseIds = new Set(facts.cases.filter((c) => c.month.startsWith(`${year}-`)).map((c) => c.caseId));
  const rows = facts.referrals.filter((r) => r.caseId && caseIds.has(r.caseId));
  const group = (key: (r: ReferralRow) => string | null) => {
    const out: Record<string, ReturnType<typeof performance>> = {};
    const keys = [...new Set(rows.map(key).filter((k): k is string => k !== null))].sort();
    for (const k of keys) out[k] = performance(rows.filter((r) => key(r) === k));
    return out;
  };
  // Every code of the vocabulary, 0 where none was declined for it.
  const declinedReasons: Record<string, number> = Object.fromEntries(DECLINE_REASON_CODES.map((code) => [code, 0]));
  for (const r of rows.filter((x) => x.status === 'declined')) declinedReasons[r.declineReason ?? 'other'] += 1;
  const cases = caseIds.size;
  const late = [...caseIds].filter((id) => facts.overdueCases.has(id)).length;
  return {
    all: performance(rows),
    byService: group((r) => r.service),
    byAgency: group((r) => r.agencyId),
    declinedByReason: declinedReasons,
    triage: { cases, withinDeadline: cases - late, share: cases ? Math.round(((cases - late) / cases) * 1000) / 10 : null },
  };
}
