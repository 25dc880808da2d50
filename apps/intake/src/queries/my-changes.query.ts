import { Injectable } from '@nestjs/common';
import type { Principal } from '@rujukan/auth';
import { CaseMessageHistoryQuery, type ReceivedMessage, type Transaction } from '@rujukan/messaging';
import { StaffLookRepository } from '../my-changes/staff-look.repository.js';
import { caseIsTheirs } from './case-ownership.query.js';

/** How far back her first look reaches, before she has ever marked anything seen. */
const FIRST_LOOK_DAYS = 7;
/** The most changes one answer lists (the newest). */
const MOST_CHANGES = 200;
/** Her cases the changes are read from: the open ones, then the most recently registered. */
const MOST_CASES = 2000;
/** The most events one "seen" covers (far more than a page lists). */
const MOST_SEEN = 5000;

export interface MyChange {
  /** The event's id: what POST /me/changes/seen is told she saw. */
  id: string;
  at: string;
  caseId: string;
  caseNumber: string;
  /** The event received, without its version: `referral.accepted`. */
  what: string;
  /** The agency it came from (its id in the registry). */
  agency: string;
}

export interface MyChanges {
  /** Her last look (or the first look's reach): the list holds what arrived after it. */
  since: string;
  changes: MyChange[];
}

/**
 * What agencies did on her cases (owned or shared with her) since she last
 * looked: the events received about them. Never a person's details, only the
 * case number, what happened and who did it.
 */
@Injectable()
export class MyChangesQuery {
  constructor(
    private readonly looks: StaffLookRepository,
    private readonly messages: CaseMessageHistoryQuery,
  ) {}

  async since(tx: Transaction, staff: Principal): Promise<MyChanges> {
    const looked = await this.looks.lookedAt(tx, staff.staffId);
    const since = looked ?? new Date((await this.now(tx)).getTime() - FIRST_LOOK_DAYS * 86_400_000);
    const cases = await this.hers(tx, staff);
    const seen = await this.looks.seenIds(tx, staff.staffId);
    const received = (await this.messages.receivedSince(tx, [...cases.keys()], since, MOST_CHANGES + seen.size))
      .filter((m) => !seen.has(m.eventId))
      .slice(0, MOST_CHANGES);
    return {
      since: since.toISOString(),
      changes: received.map((m) => ({
        id: m.eventId,
        at: m.at.toISOString(),
        caseId: m.caseId,
        caseNumber: cases.get(m.caseId)!,
        what: m.type,
        agency: m.agency,
      })),
    };
  }

  /**
   * A digest of what her home page lists, for its live stream: the newest
   * event received on her cases, her referrals' states and her open
   * follow-ups, and for a supervisor the unit's open alerts and incoming
   * hand-overs. Lists that change only as time passes (overdue, waiting)
   * the page asks for on its own.
   */
  async digest(tx: Transaction, staff: Principal): Promise<string> {
    const cases = [...(await this.hers(tx, staff)).keys()];
    const last = await this.messages.lastReceived(tx, cases);
    const rows: Array<{ d: string }> = await tx.manager.query(
      `SELECT concat_ws('|',
         (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM referral WHERE case_id = ANY($1::uuid[])),
         (SELECT count(*) || ':' || coalesce(max(set_at)::text, '') FROM follow_up WHERE owner_id = $2 AND done_at IS NULL),
         CASE WHEN $3 THEN (SELECT count(*) || ':' || coalesce(max(raised_at)::text, '') FROM case_alert WHERE acknowledged_at IS NULL) END,
         CASE WHEN $3 THEN (SELECT count(*)::text FROM handover_in WHERE state = 'requested') END) AS d`,
      [cases, staff.staffId, staff.role === 'supervisor'],
    );
    return `${last?.toISOString() ?? ''}|${rows[0].d}`;
  }

  /** What she saw up to `upTo` (the newest change's `at` she was shown), among what arrived since `since`. */
  async seenUpTo(tx: Transaction, staff: Principal, since: Date, upTo: Date): Promise<ReceivedMessage[]> {
    const cases = [...(await this.hers(tx, staff)).keys()];
    return (await this.messages.receivedSince(tx, cases, since, MOST_SEEN)).filter((m) => m.at <= upTo);
  }

  /** Her cases (owned or shared), open ones first, then the most recent: id to case number. */
  private async hers(tx: Transaction, staff: Principal): Promise<Map<string, string>> {
    const rows: Array<{ id: string; case_number: string }> = await tx.manager.query(
      `SELECT c.id, c.case_number FROM case_file c WHERE ${caseIsTheirs('$1')}
        ORDER BY c.status IN ('closed', 'closed-referred'), c.registered_at DESC LIMIT ${MOST_CASES}`,
      [staff.staffId],
    );
    return new Map(rows.map((r) => [r.id, r.case_number]));
  }

  async now(tx: Transaction): Promise<Date> {
    const rows: Array<{ now: Date }> = await tx.manager.query(`SELECT now() AS now`);
    return new Date(rows[0].now);
  }
}
