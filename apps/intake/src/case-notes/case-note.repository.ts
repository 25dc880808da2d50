import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { IntakeSealedColumns } from '../cases/sealed-columns.js';

/** Under these names a note's and a follow-up's words are sealed with the case's data key. */
export const CASE_NOTE_FIELDS = { body: 'CaseNote.body', task: 'FollowUp.task' } as const;

/** A case's notes and follow-ups (case_note, follow_up): their words sealed with the case's key as they are written. */
@Injectable()
export class CaseNoteRepository {
  constructor(private readonly sealed: IntakeSealedColumns) {}

  async insertNote(tx: Transaction, n: { id: string; caseId: string; body: string; writtenBy: string }): Promise<Date> {
    const key = await this.sealed.keys.forWriting(tx.manager, n.caseId);
    const [row]: Array<{ written_at: Date }> = await tx.manager.query(
      `INSERT INTO case_note (id, case_id, body, written_by) VALUES ($1, $2, $3, $4) RETURNING written_at`,
      [n.id, n.caseId, key.seal(CASE_NOTE_FIELDS.body, n.body), n.writtenBy],
    );
    return row.written_at;
  }

  async insertFollowUp(
    tx: Transaction,
    f: { id: string; caseId: string; task: string; dueOn: string; ownerId: string; setBy: string },
  ): Promise<void> {
    const key = await this.sealed.keys.forWriting(tx.manager, f.caseId);
    await tx.manager.query(`INSERT INTO follow_up (id, case_id, task, due_on, owner_id, set_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      f.id,
      f.caseId,
      key.seal(CASE_NOTE_FIELDS.task, f.task),
      f.dueOn,
      f.ownerId,
      f.setBy,
    ]);
  }

  /** Marks a follow-up of the case done, once: false when the case has no such follow-up. */
  async markDone(tx: Transaction, caseId: string, id: string, doneBy: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await tx.manager.query(
      `UPDATE follow_up SET done_by = coalesce(done_by, $3), done_at = coalesce(done_at, now()) WHERE id = $2 AND case_id = $1`,
      [caseId, id, doneBy],
    );
    return affected > 0;
  }
}
