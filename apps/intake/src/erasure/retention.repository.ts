import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';

/** Intake's data lifetimes: closed cases past the retention, a case's legal hold, declined hand-overs' requests. */
@Injectable()
export class RetentionRepository {
  /** Closed cases whose closure is older than `before`, not erased yet, with no legal hold; locked, oldest first. */
  async closedPastRetention(tx: Transaction, before: Date, limit = 200): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.manager.query(
      `SELECT c.id FROM case_file c
        WHERE c.status = 'closed' AND c.retention_erased_at IS NULL AND c.closed_at < $1
          AND NOT EXISTS (SELECT 1 FROM case_legal_hold h WHERE h.case_id = c.id)
        ORDER BY c.closed_at LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
      [before, limit],
    );
    return rows.map((r) => r.id);
  }

  async victimsOf(tx: Transaction, caseId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.manager.query(`SELECT id FROM victim WHERE case_id = $1`, [caseId]);
    return rows.map((r) => r.id);
  }

  /**
   * The case's own words about the people in it, blanked: the incident
   * narrative, the reporters, the closure's and reopenings' notes, the
   * perpetrators' names, the assessments and the notes of visits, mediations,
   * accompaniments, trafficking stages and hand-overs, the case's notes and
   * follow-ups. Codes, dates, districts
   * and states stay: what reporting counts and the agency's own figures.
   */
  async eraseCaseText(tx: Transaction, caseId: string): Promise<void> {
    const statements = [
      `UPDATE case_file SET incident_narrative = NULL, reporter_name = NULL, reporter_phone = NULL, closure_note = NULL,
              closure_override_reason = NULL, retention_erased_at = now() WHERE id = $1`,
      `UPDATE perpetrator SET name = NULL WHERE case_id = $1`,
      `UPDATE case_report SET reporter_name = NULL, reporter_phone = NULL, note = NULL WHERE case_id = $1`,
      `UPDATE case_reopening SET closure_note = NULL, reason = '' WHERE case_id = $1`,
      `UPDATE assessment SET biological = NULL, psychological = NULL, social = NULL, spiritual = NULL, needs_in_own_words = '',
              expectations = NULL WHERE victim_id IN (SELECT id FROM victim WHERE case_id = $1)`,
      `UPDATE outreach_visit SET note = NULL WHERE case_id = $1`,
      `UPDATE mediation_session SET agreement = NULL WHERE case_id = $1`,
      `UPDATE accompaniment SET note = NULL WHERE case_id = $1`,
      `UPDATE trafficking_stage SET notes = NULL WHERE case_id = $1`,
      `UPDATE handover_out SET reason = '', disclosure_override_reason = NULL, decline_reason = NULL WHERE case_id = $1`,
      `UPDATE case_note SET body = '' WHERE case_id = $1`,
      `UPDATE follow_up SET task = '' WHERE case_id = $1`,
    ];
    for (const sql of statements) await tx.manager.query(sql, [caseId]);
  }

  /** Empties the hand-over requests that brought this case here; returns their ids (whose keys the caller destroys). */
  async forgetHandOversOf(tx: Transaction, caseId: string): Promise<string[]> {
    const [rows]: [Array<{ id: string }>, number] = await tx.manager.query(
      `UPDATE handover_in SET request = '{}'::jsonb, decline_reason = NULL, request_erased_at = now() WHERE case_id = $1 RETURNING id`,
      [caseId],
    );
    return rows.map((r) => r.id);
  }

  /** Hand-overs this unit declined longer ago than `before`: the sender keeps the case, this unit needs nobody's details. */
  async declinedHandOversPastGrace(tx: Transaction, before: Date): Promise<string[]> {
    const [rows]: [Array<{ id: string }>, number] = await tx.manager.query(
      `UPDATE handover_in SET request = '{}'::jsonb, decline_reason = NULL, request_erased_at = now()
        WHERE state = 'declined' AND request_erased_at IS NULL AND answered_at < $1 RETURNING id`,
      [before],
    );
    return rows.map((r) => r.id);
  }

  async holdOf(tx: Transaction, caseId: string): Promise<{ reason: string; recordedAt: Date } | null> {
    const [row]: Array<{ reason: string; recordedAt: Date }> = await tx.manager.query(
      `SELECT reason, recorded_at AS "recordedAt" FROM case_legal_hold WHERE case_id = $1`,
      [caseId],
    );
    return row ?? null;
  }

  async recordHold(tx: Transaction, caseId: string, reason: string, staffId: string): Promise<void> {
    await tx.manager.query(
      `INSERT INTO case_legal_hold (case_id, reason, recorded_by) VALUES ($1, $2, $3)
       ON CONFLICT (case_id) DO UPDATE SET reason = EXCLUDED.reason, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [caseId, reason, staffId],
    );
  }

  async liftHold(tx: Transaction, caseId: string): Promise<boolean> {
    const [, count]: [unknown, number] = await tx.manager.query(`DELETE FROM case_legal_hold WHERE case_id = $1`, [caseId]);
    return count > 0;
  }
}
