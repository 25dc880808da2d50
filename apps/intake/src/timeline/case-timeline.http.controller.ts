import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { Allow } from '@rujukan/auth';
import { UnitOfWork } from '@rujukan/messaging';

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

/**
 * A case's whole story in order: what was recorded here, every event sent
 * about it (outbox) and every event received about it (inbox).
 */
@Controller('cases')
export class CaseTimelineHttpController {
  constructor(private readonly uow: UnitOfWork) {}

  @Allow(['case-worker', 'supervisor'], { resource: 'case', action: 'read', param: 'id' })
  @Get(':id/timeline')
  timeline(@Param('id', ParseUUIDPipe) id: string): Promise<TimelineEntry[]> {
    return this.uow.run(async (tx) => {
      const rows: Array<{ at: Date; direction: TimelineEntry['direction']; what: string; agency: string | null; detail: string | null }> =
        await tx.manager.query(
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
         UNION ALL
         SELECT o.created_at, 'sent', (o.envelope->>'type'), o.recipient,
                concat_ws(': ', o.envelope->'payload'->>'service', coalesce(o.envelope->'payload'->>'reason', o.envelope->'payload'->>'note'))
           FROM messaging_outbox o WHERE o.envelope->>'caseId' = $1::text
         UNION ALL
         SELECT coalesce(i.occurred_at, i.received_at), 'received', regexp_replace(i.pattern, '\\.v[0-9]+$', ''), i.from_agency, NULL
           FROM messaging_inbox i WHERE i.case_id = $1
         ORDER BY 1, 3`,
          [id],
        );
      if (!rows.length) throw new NotFoundException(`no case ${id}`);
      return rows.map((r) => ({
        at: new Date(r.at).toISOString(),
        direction: r.direction,
        what: r.what,
        ...(r.agency ? { agency: r.agency } : {}),
        ...(r.detail ? { detail: r.detail } : {}),
      }));
    });
  }
}
