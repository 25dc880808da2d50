import { createHmac } from 'node:crypto';

/**
 * The id reporting sees for a case, victim, referral or a service agency's record: a keyed hash of the
 * real id, so counts can be deduplicated and updated without the statistics
 * (or the broadcast stream) linking back to the referrals that name people.
 * The key stays at this intake node (STATISTICS_ID_KEY); it must not change,
 * or every victim would be counted again.
 */
export function statisticsId(key: string, kind: 'case' | 'victim' | 'referral' | 'record', id: string): string {
  const h = createHmac('sha256', key).update(`${kind}:${id}`).digest();
  h[6] = (h[6] & 0x0f) | 0x40; // shaped as a version 4 UUID, which contracts accept
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** The stored pseudonym of a case or victim, or (rows from before it was stored) the computed one. */
export function storedStatisticsId(key: string, kind: 'case' | 'victim', row: { id: string; statisticsId: string | null }): string {
  return row.statisticsId ?? statisticsId(key, kind, row.id);
}
