import { Injectable } from '@nestjs/common';
import type { Transaction } from '../transaction/transaction.js';

/** One event this node sent or received about a case. */
export interface CaseMessage {
  at: Date;
  /** `sent` from the outbox (to an agency, or a broadcast), `received` from the inbox. */
  direction: 'sent' | 'received';
  /** The event type without its version: `referral.accepted`. */
  type: string;
  /** The addressee of a sent event, the sending agency of a received one. */
  agency: string;
  /**
   * For a sent event: its service, and its reason or note where they travel in clear (a network without keys; once
   * sealed, the outbox holds them sealed and the node's own records keep them). Never a person's details. Null when none.
   */
  detail: string | null;
}

/** An event received about one of several cases. */
export interface ReceivedMessage {
  /** The event's id (its envelope's). */
  eventId: string;
  /** When this node received it. */
  at: Date;
  caseId: string;
  /** The event type without its version: `referral.accepted`. */
  type: string;
  /** The sending agency. */
  agency: string;
}

/**
 * A case's message history at this node, oldest first (then by type): the
 * outbox and inbox are messaging's tables, and this is the one way other
 * modules read them about a case.
 */
@Injectable()
export class CaseMessageHistoryQuery {
  /** Every event sent (outbox) and received (inbox) that names the case. */
  async forCase(tx: Transaction, caseId: string): Promise<CaseMessage[]> {
    const rows: Array<{ at: Date; direction: CaseMessage['direction']; type: string; agency: string; detail: string | null }> =
      await tx.manager.query(
        `SELECT o.created_at AS at, 'sent' AS direction, (o.envelope->>'type') AS type, o.recipient AS agency,
                concat_ws(': ', o.envelope->'payload'->>'service', coalesce(o.envelope->'payload'->>'reason', o.envelope->'payload'->>'note')) AS detail
           FROM messaging_outbox o WHERE o.envelope->>'caseId' = $1::text
         UNION ALL
         SELECT coalesce(i.occurred_at, i.received_at), 'received', regexp_replace(i.pattern, '\\.v[0-9]+$', ''), i.from_agency, NULL
           FROM messaging_inbox i WHERE i.case_id = $1::uuid
         ORDER BY 1, 3`,
        [caseId],
      );
    return rows.map((r) => ({ at: new Date(r.at), direction: r.direction, type: r.type, agency: r.agency, detail: r.detail || null }));
  }

  /**
   * Events received about any of these cases after `since` (all when null), newest first, at most `limit`:
   * what agencies did on a case worker's cases since she last looked. Compared in milliseconds, as `at` is answered
   * (ISO 8601), so the `at` of the newest one seen, sent back, leaves it out.
   */
  async receivedSince(tx: Transaction, caseIds: readonly string[], since: Date | null, limit: number): Promise<ReceivedMessage[]> {
    if (!caseIds.length) return [];
    const rows: Array<{ eventId: string; at: Date; caseId: string; type: string; agency: string }> = await tx.manager.query(
      `SELECT i.event_id AS "eventId", date_trunc('milliseconds', i.received_at) AS at, i.case_id AS "caseId", regexp_replace(i.pattern, '\\.v[0-9]+$', '') AS type, i.from_agency AS agency
         FROM messaging_inbox i
        WHERE i.case_id = ANY($1::uuid[]) AND ($2::timestamptz IS NULL OR (i.received_at >= $2 AND date_trunc('milliseconds', i.received_at) > $2))
        ORDER BY i.received_at DESC LIMIT $3`,
      [caseIds, since, limit],
    );
    return rows.map((r) => ({ eventId: r.eventId, at: new Date(r.at), caseId: r.caseId, type: r.type, agency: r.agency }));
  }

  /** When the newest event about any of these cases was received (a live page's digest); null when none. */
  async lastReceived(tx: Transaction, caseIds: readonly string[]): Promise<Date | null> {
    if (!caseIds.length) return null;
    const rows: Array<{ at: Date | null }> = await tx.manager.query(
      `SELECT max(received_at) AS at FROM messaging_inbox WHERE case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    return rows[0]?.at ? new Date(rows[0].at) : null;
  }
}
