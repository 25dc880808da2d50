import { Injectable } from '@nestjs/common';
import { DataKeys, type Transaction } from '@rujukan/messaging';
import { CASE_NOTE_FIELDS } from '../case-notes/case-note.repository.js';

export interface CaseNoteView {
  id: string;
  caseId: string;
  /** The note as written (opened with the case's key; empty once the case's retention erased it). */
  body: string;
  writtenBy: string;
  writtenAt: string;
}

export type FollowUpState = 'open' | 'due' | 'overdue' | 'done';

export interface FollowUpView {
  id: string;
  caseId: string;
  task: string;
  /** YYYY-MM-DD, the day in the node's time zone it is due. */
  dueOn: string;
  ownerId: string;
  setBy: string;
  setAt: string;
  doneBy: string | null;
  doneAt: string | null;
  /** On `today` (the node's day): done, due today, overdue (due before today) or open (due later). */
  state: FollowUpState;
}

export interface DueFollowUpView extends FollowUpView {
  caseNumber: string;
}

interface FollowUpRow {
  id: string;
  caseId: string;
  task: string;
  dueOn: string;
  ownerId: string;
  setBy: string;
  setAt: Date;
  doneBy: string | null;
  doneAt: Date | null;
  caseNumber: string;
}

const FOLLOW_UP = `f.id, f.case_id AS "caseId", f.task, to_char(f.due_on, 'YYYY-MM-DD') AS "dueOn", f.owner_id AS "ownerId",
  f.set_by AS "setBy", f.set_at AS "setAt", f.done_by AS "doneBy", f.done_at AS "doneAt", c.case_number AS "caseNumber"`;

/** A case's notes and follow-ups as its workers read them, and each staff member's follow-ups due. */
@Injectable()
export class CaseNotesQuery {
  constructor(private readonly keys: DataKeys) {}

  /** The case's notes (newest first) and follow-ups with their state on the node's day; null when there is no such case. */
  async ofCase(tx: Transaction, caseId: string, timeZone: string): Promise<{ notes: CaseNoteView[]; followUps: FollowUpView[] } | null> {
    const [found]: Array<{ today: string }> = await tx.manager.query(
      `SELECT to_char((now() AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS today FROM case_file WHERE id = $1`,
      [caseId, timeZone],
    );
    if (!found) return null;
    return { notes: await this.notesOf(tx, caseId), followUps: await this.followUpsOf(tx, caseId, found.today) };
  }

  /** Her open follow-ups due on the node's day or before. */
  async dueOnTheDay(tx: Transaction, staffId: string, timeZone: string): Promise<DueFollowUpView[]> {
    const [{ today }]: Array<{ today: string }> = await tx.manager.query(
      `SELECT to_char((now() AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS today`,
      [timeZone],
    );
    return this.dueFor(tx, staffId, today);
  }

  /** The case's notes, newest first. */
  async notesOf(tx: Transaction, caseId: string): Promise<CaseNoteView[]> {
    const rows: Array<{ id: string; body: string; writtenBy: string; writtenAt: Date }> = await tx.manager.query(
      `SELECT id, body, written_by AS "writtenBy", written_at AS "writtenAt" FROM case_note WHERE case_id = $1
        ORDER BY written_at DESC, id`,
      [caseId],
    );
    if (!rows.length) return [];
    const key = await this.keys.forReading(tx.manager, caseId);
    return rows.map((r) => ({
      id: r.id,
      caseId,
      body: key.open(CASE_NOTE_FIELDS.body, r.body),
      writtenBy: r.writtenBy,
      writtenAt: new Date(r.writtenAt).toISOString(),
    }));
  }

  /** The case's follow-ups: open ones by due day, then the done ones. */
  async followUpsOf(tx: Transaction, caseId: string, today: string): Promise<FollowUpView[]> {
    const rows: FollowUpRow[] = await tx.manager.query(
      `SELECT ${FOLLOW_UP} FROM follow_up f JOIN case_file c ON c.id = f.case_id WHERE f.case_id = $1
        ORDER BY f.done_at IS NOT NULL, f.due_on, f.set_at, f.id`,
      [caseId],
    );
    // The case page knows its own number.
    return (await this.opened(tx, rows, today)).map((f) => ({ ...f, caseNumber: undefined }));
  }

  /** Her open follow-ups due today or before, on any case, the most overdue first. */
  async dueFor(tx: Transaction, staffId: string, today: string): Promise<DueFollowUpView[]> {
    const rows: FollowUpRow[] = await tx.manager.query(
      `SELECT ${FOLLOW_UP} FROM follow_up f JOIN case_file c ON c.id = f.case_id
        WHERE f.owner_id = $1 AND f.done_at IS NULL AND f.due_on <= $2::date
        ORDER BY f.due_on, f.set_at, f.id LIMIT 500`,
      [staffId, today],
    );
    return this.opened(tx, rows, today);
  }

  /** Each row's task opened with its case's key, and its state on `today`. */
  private async opened(tx: Transaction, rows: FollowUpRow[], today: string): Promise<DueFollowUpView[]> {
    const keys = await this.keys.manyForReading(tx.manager, [...new Set(rows.map((r) => r.caseId))]);
    return rows.map((r) => ({
      ...r,
      task: keys.get(r.caseId)!.open(CASE_NOTE_FIELDS.task, r.task),
      setAt: new Date(r.setAt).toISOString(),
      doneAt: r.doneAt ? new Date(r.doneAt).toISOString() : null,
      state: r.doneAt ? 'done' : r.dueOn < today ? 'overdue' : r.dueOn === today ? 'due' : 'open',
    }));
  }
}
