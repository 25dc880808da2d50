import { Injectable } from '@nestjs/common';
import { CaseMessageHistoryQuery, DataKeys, type Transaction } from '@rujukan/messaging';
import { CASE_NOTE_FIELDS } from '../case-notes/case-note.repository.js';
import { REOPENING_FIELDS } from '../cases/sealed-columns.js';

export interface TimelineEntry {
  at: string;
  /** `recorded` here, `sent` to an agency, `received` from one. */
  direction: 'recorded' | 'sent' | 'received';
  /** An event type (`referral.accepted`) or a local record (`consent.given`). */
  what: string;
  agency?: string;
  /** Service, reason or note: never a person's details. */
  detail?: string;
  /**
   * The victim an entry is about (consent, assessment, plan, a report), by
   * her record's id as the case view lists her: never her name, so the
   * timeline can be shown or exported without identifying anyone.
   */
  victimId?: string;
}

interface Row {
  at: Date;
  direction: TimelineEntry['direction'];
  what: string;
  agency: string | null;
  detail: string | null;
  victimId?: string | null;
}

/**
 * A case's whole story in order: what was recorded here, and (messaging's
 * history of the case) every event sent about it and every event received.
 */
@Injectable()
export class CaseTimelineQuery {
  constructor(
    private readonly messages: CaseMessageHistoryQuery,
    private readonly keys: DataKeys,
  ) {}

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
      ...(r.victimId ? { victimId: r.victimId } : {}),
    }));
  }

  /** What was recorded here about the case; empty when there is no such case. */
  private async recorded(tx: Transaction, caseId: string): Promise<Row[]> {
    const rows: Row[] = await tx.manager.query(
      `SELECT registered_at AS at, 'recorded' AS direction, 'case.registered' AS what, handed_over_from AS agency,
              case_number || ' ' || kind || ', risk ' || risk_level || ' (' || channel || ')' AS detail,
              NULL::uuid AS "victimId"
         FROM case_file WHERE id = $1
       UNION ALL
       SELECT r.received_at, 'recorded', 'case.report-attached', NULL,
              r.channel || coalesce(' (reporter: ' || r.reporter_relation || ')', '') || ', matched by ' || r.basis, v.id
         FROM case_report r JOIN victim v ON v.id = r.victim_id WHERE r.case_id = $1
       UNION ALL
       SELECT first_responded_at, 'recorded', 'case.first-response', NULL, NULL, NULL
         FROM case_file WHERE id = $1 AND first_responded_at IS NOT NULL
       UNION ALL
       SELECT a.raised_at, 'recorded', 'alert.' || a.kind, NULL, NULL, NULL FROM case_alert a WHERE a.case_id = $1
       UNION ALL
       SELECT r.recorded_at, 'recorded', 'consent.given', NULL, r.purpose || coalesce(':' || r.service, '') || ' (' || r.given_as || ')',
              v.id
         FROM consent_record r JOIN victim v ON v.id = r.victim_id WHERE v.case_id = $1
       UNION ALL
       SELECT r.withdrawn_at, 'recorded', 'consent.withdrawn', NULL, r.purpose || coalesce(':' || r.service, ''), v.id
         FROM consent_record r JOIN victim v ON v.id = r.victim_id WHERE v.case_id = $1 AND r.withdrawn_at IS NOT NULL
       UNION ALL
       SELECT a.assessed_at, 'recorded', 'assessment.recorded', NULL, NULL, v.id
         FROM assessment a JOIN victim v ON v.id = a.victim_id WHERE v.case_id = $1
       UNION ALL
       SELECT m.recorded_at, 'recorded', 'mediation.recorded', NULL,
              m.outcome || ' (' || array_to_string(m.parties, ', ') || '), held ' || to_char(m.held_on, 'YYYY-MM-DD'), m.victim_id
         FROM mediation_session m WHERE m.case_id = $1
       UNION ALL
       SELECT a.recorded_at, 'recorded', 'accompaniment.recorded', NULL,
              a.destination || ', ' || to_char(a.accompanied_on, 'YYYY-MM-DD'), a.victim_id
         FROM accompaniment a WHERE a.case_id = $1
       UNION ALL
       SELECT o.recorded_at, 'recorded', 'outreach.case-registered', NULL,
              'outreach visit of ' || to_char(o.visited_on, 'YYYY-MM-DD') || ' (' || o.outcome || ')', NULL
         FROM outreach_visit o WHERE o.case_id = $1
       UNION ALL
       SELECT r.created_at, 'sent', 'referral.external', 'external', r.service, r.victim_id
         FROM referral r WHERE r.case_id = $1 AND r.agency_id = 'external'
       UNION ALL
       SELECT a.recorded_at, 'recorded',
              CASE a.state WHEN 'accepted' THEN 'referral.external-accepted' WHEN 'declined' THEN 'referral.external-declined'
                           WHEN 'completed' THEN 'referral.external-completed' ELSE 'referral.external-revoked' END,
              NULL, r.service || coalesce(' (' || a.decline_code || ')', ''), r.victim_id
         FROM external_referral_answer a JOIN referral r ON r.id = a.referral_id WHERE r.case_id = $1
       UNION ALL
       SELECT min(p.added_at), 'recorded', 'plan.services-added', NULL, string_agg(p.service, ', ' ORDER BY p.service), v.id
         FROM plan_item p JOIN victim v ON v.id = p.victim_id WHERE p.case_id = $1
         GROUP BY v.id, p.added_at
       ORDER BY 1, 3`,
      [caseId],
    );
    const dated = rows.map((r) => ({ ...r, at: new Date(r.at) }));
    return dated.length ? mergeInOrder(dated, await this.closures(tx, caseId)) : dated;
  }

  /** Closures, reopenings, notes and follow-ups, whose words are sealed with the case's data key: opened here. */
  private async closures(tx: Transaction, caseId: string): Promise<Row[]> {
    const rows: Array<Row & { field: string }> = await tx.manager.query(
      `SELECT closed_at AS at, 'recorded' AS direction, 'case.' || status AS what, NULL AS agency, closure_note AS detail,
              NULL::uuid AS "victimId", 'CaseFile.closureNote' AS field
         FROM case_file WHERE id = $1 AND closed_at IS NOT NULL
       UNION ALL
       SELECT o.closed_at, 'recorded', 'case.closed', NULL, o.closure_note, NULL, $2 FROM case_reopening o WHERE o.case_id = $1
       UNION ALL
       SELECT o.reopened_at, 'recorded', 'case.reopened', NULL, o.reason, NULL, $3 FROM case_reopening o WHERE o.case_id = $1
       UNION ALL
       SELECT n.written_at, 'recorded', 'note.written', NULL, n.body, NULL, $4 FROM case_note n WHERE n.case_id = $1
       UNION ALL
       SELECT f.set_at, 'recorded', 'follow-up.set', NULL, f.task, NULL, $5 FROM follow_up f WHERE f.case_id = $1
       UNION ALL
       SELECT f.done_at, 'recorded', 'follow-up.done', NULL, f.task, NULL, $5 FROM follow_up f WHERE f.case_id = $1 AND f.done_at IS NOT NULL
       ORDER BY 1, 3`,
      [caseId, REOPENING_FIELDS.closureNote, REOPENING_FIELDS.reason, CASE_NOTE_FIELDS.body, CASE_NOTE_FIELDS.task],
    );
    const key = await this.keys.forReading(tx.manager, caseId);
    return rows.map(({ field, ...r }) => ({ ...r, at: new Date(r.at), detail: key.open(field, r.detail) }));
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
