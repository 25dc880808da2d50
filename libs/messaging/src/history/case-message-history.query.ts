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
}
