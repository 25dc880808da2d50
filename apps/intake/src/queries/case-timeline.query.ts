import { Injectable } from '@nestjs/common';
import { CaseMessageHistoryQuery, type Transaction } from '@rujukan/messaging';

export interface TimelineEntry {
  at: string;
  /** `recorded` here, `sent` to an agency, `received` from one. */
  direction: 'recorded' | 'sent' | 'received';
  /** An event type (`referral.accepted`) or a local record (`consent.given`). */
  what: string;
  agency?: string;
  /** Service, reason or note: never a person's details. */
  detail?: string;
}

interface Row {
  at: Date;
  direction: TimelineEntry['direction'];
  what: string;
  agency: string | null;
  detail: string | null;
}

/**
 * A case's whole story in order: what was recorded here, and (messaging's
 * history of the case) every event sent about it and every event received.
 */
@Injectable()
export class CaseTimelineQuery {
  constructor(private readonly messages: CaseMessageHistoryQuery) {}

  /** The timeline, oldest first (then by what); null when there is no such case. */
  async ofCase(tx: Transaction, caseId: string): Promise<TimelineEntry[] | null> {
    const recorded = await this.recorded(tx, caseId);
    if (!recorded.length) return null;
    const messages: Row[] = (await this.messages.forCase(tx, caseId)).map((m) => ({
      at: m.at,
      direction: m.direction,
      what: m.type,
      agency: m.agency,
      detail: m.detail,
    }));
    return mergeInOrder(recorded, messages).map((r) => ({
      at: r.at.toISOString(),
      direction: r.direction,
      what: r.what,
      ...(r.agency ? { agency: r.agency } : {}),
      ...(r.detail ? { detail: r.detail } : {}),
    }));
  }

  /** What was recorded here about the case; empty when there is no such case. */
  private async recorded(tx: Transaction, caseId: string): Promise<Row[]> {
    const rows: Row[] = await tx.manager.query(
      `SELECT registered_at AS at, 'recorded' AS direction, 'case.registered' AS what, handed_over_from AS agency,
              case_number || ' ' || kind || ', risk ' || risk_level || ' (' || channel || ')' AS detail
         FROM case_file WHERE id = $1
       UNION ALL
       SELECT first_responded_at, 'recorded', 'case.first-response', NULL, NULL FROM case_file WHERE id = $1 AND first_responded_at IS NOT NULL
       UNION ALL
       SELECT closed_at, 'recorded', 'case.' || status, NULL, closure_note FROM case_file WHERE id = $1 AND closed_at IS NOT NULL
       UNION ALL
       SELECT a.raised_at, 'recorded', 'alert.' || a.kind, NULL, NULL FROM case_alert a WHERE a.case_id = $1
       UNION ALL
       SELECT r.recorded_at, 'recorded', 'consent.given', NULL, r.purpose || coalesce(':' || r.service, '') || ' (' || r.given_as || ')'
         FROM consent_record r JOIN victim v ON v.id = r.victim_id WHERE v.case_id = $1
       UNION ALL
       SELECT r.withdrawn_at, 'recorded', 'consent.withdrawn', NULL, r.purpose || coalesce(':' || r.service, '')
         FROM consent_record r JOIN victim v ON v.id = r.victim_id WHERE v.case_id = $1 AND r.withdrawn_at IS NOT NULL
       ORDER BY 1, 3`,
      [caseId],
    );
    return rows.map((r) => ({ ...r, at: new Date(r.at) }));
  }
}

/** Time, then what: the order each list comes in from the database. */
const before = (x: Row, y: Row) => x.at.getTime() < y.at.getTime() || (x.at.getTime() === y.at.getTime() && x.what <= y.what);

/** Interleaves two lists already in order, keeping each one's own order. */
function mergeInOrder(a: Row[], b: Row[]): Row[] {
  const merged: Row[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) merged.push(j >= b.length || (i < a.length && before(a[i], b[j])) ? a[i++] : b[j++]);
  return merged;
}
