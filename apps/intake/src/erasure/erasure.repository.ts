import { Injectable } from '@nestjs/common';
import { EXTERNAL_AGENCY, type ErasureOutcome } from '@rujukan/contracts';
import { DataKeys, purgeVictimMessages, type Transaction } from '@rujukan/messaging';

/** Where one agency stands on a victim's erasure: `waiting` until it answers. */
export interface ErasureAtAgency {
  agencyId: string;
  state: ErasureOutcome | 'waiting';
  /** The legal hold's reason, when retained. */
  legalHold: string | null;
  /** The agency that forwarded the request to it (legal aid, for the health agency of a visum request); null: intake asked it. */
  forwardedBy: string | null;
  answeredAt: Date | null;
}

export interface ErasureStatus {
  erasureId: string;
  victimId: string;
  requestedAt: Date;
  agencies: ErasureAtAgency[];
}

/** Intake's erasures: the requests, each agency's answer, and the purge of intake's own data about her. */
@Injectable()
export class ErasureRepository {
  constructor(private readonly keys: DataKeys) {}

  async find(tx: Transaction, victimId: string): Promise<ErasureStatus | null> {
    const [row]: Array<{ erasure_id: string; requested_at: Date }> = await tx.manager.query(
      `SELECT erasure_id, requested_at FROM victim_erasure WHERE victim_id = $1`,
      [victimId],
    );
    if (!row) return null;
    const agencies: ErasureAtAgency[] = await tx.manager.query(
      `SELECT agency_id AS "agencyId", coalesce(outcome, 'waiting') AS state, legal_hold AS "legalHold", forwarded_by AS "forwardedBy",
              answered_at AS "answeredAt"
         FROM victim_erasure_answer WHERE erasure_id = $1 ORDER BY agency_id`,
      [row.erasure_id],
    );
    return { erasureId: row.erasure_id, victimId, requestedAt: row.requested_at, agencies };
  }

  async exists(tx: Transaction, erasureId: string): Promise<boolean> {
    const rows: unknown[] = await tx.manager.query(`SELECT 1 FROM victim_erasure WHERE erasure_id = $1`, [erasureId]);
    return rows.length > 0;
  }

  /**
   * The agencies intake sent her data to: each node she was referred to. An
   * agency outside the network got a letter, not an event: nothing to forward.
   */
  async recipientsOf(tx: Transaction, victimId: string): Promise<string[]> {
    const rows: Array<{ agency_id: string }> = await tx.manager.query(
      `SELECT DISTINCT agency_id FROM referral WHERE victim_id = $1 AND agency_id <> $2 ORDER BY agency_id`,
      [victimId, EXTERNAL_AGENCY],
    );
    return rows.map((r) => r.agency_id);
  }

  /** The intake agencies her case was handed over to (accepted): they hold her too. */
  async handOverRecipientsOf(tx: Transaction, victimId: string): Promise<string[]> {
    const rows: Array<{ to_agency: string }> = await tx.manager.query(
      `SELECT DISTINCT h.to_agency FROM handover_out h JOIN victim v ON v.case_id = h.case_id
        WHERE v.id = $1 AND h.state = 'accepted' ORDER BY h.to_agency`,
      [victimId],
    );
    return rows.map((r) => r.to_agency);
  }

  /** The victims taken over here from `fromAgency` that it knew by `senderVictimId` (one, unless handed over twice). */
  async takenOver(tx: Transaction, senderVictimId: string, fromAgency: string): Promise<Array<{ id: string; caseId: string }>> {
    return tx.manager.query(
      `SELECT v.id, v.case_id AS "caseId" FROM victim v JOIN case_file c ON c.id = v.case_id
        WHERE v.handed_over_as = $1 AND c.handed_over_from = $2 FOR UPDATE OF v`,
      [senderVictimId, fromAgency],
    );
  }

  async insert(tx: Transaction, erasureId: string, victimId: string, staffId: string): Promise<void> {
    await tx.manager.query(`INSERT INTO victim_erasure (erasure_id, victim_id, requested_by) VALUES ($1, $2, $3)`, [
      erasureId,
      victimId,
      staffId,
    ]);
  }

  /** An agency asked (by intake, or by `forwardedBy`), not answered yet; nothing when it is already listed. */
  async expect(tx: Transaction, erasureId: string, agencyId: string, forwardedBy: string | null): Promise<void> {
    await tx.manager.query(
      `INSERT INTO victim_erasure_answer (erasure_id, agency_id, forwarded_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [erasureId, agencyId, forwardedBy],
    );
  }

  async answer(tx: Transaction, erasureId: string, agencyId: string, outcome: ErasureOutcome, legalHold: string | null): Promise<void> {
    await tx.manager.query(
      `INSERT INTO victim_erasure_answer (erasure_id, agency_id, outcome, legal_hold, answered_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (erasure_id, agency_id) DO UPDATE SET outcome = EXCLUDED.outcome, legal_hold = EXCLUDED.legal_hold, answered_at = now()`,
      [erasureId, agencyId, outcome, legalHold],
    );
  }

  /**
   * Intake's own erasure of her (on request, after the retention, or asked by
   * the unit that handed her case over): her data key destroyed (old backups
   * cannot be opened for her either), every identifying column blanked, the referrals' notes about her (and the outside agencies she was sent to), her blind indexes (no re-report
   * finds her) and duplicate links, her outbox bodies and dead letters. Her
   * row stays with what reporting counts (sex, age, district), so the case and
   * the figures stay as they were.
   */
  async eraseHere(tx: Transaction, victimId: string): Promise<void> {
    await this.keys.destroy(tx.manager, victimId);
    await tx.manager.query(
      `UPDATE victim SET name = '', birth_date = NULL, address = NULL, id_number = NULL, safety_notes = NULL WHERE id = $1`,
      [victimId],
    );
    await tx.manager.query(
      `UPDATE referral SET request_notes = NULL, consent_override_reason = NULL, outcome_note = NULL, external_agency_name = NULL,
              external_agency_address = NULL WHERE victim_id = $1`,
      [victimId],
    );
    // Sealed with her key, which goes: blanked, or the case's other readers would meet a value no key opens.
    await tx.manager.query(`UPDATE case_report SET reporter_name = NULL, reporter_phone = NULL, note = NULL WHERE victim_id = $1`, [
      victimId,
    ]);
    await tx.manager.query(
      `UPDATE assessment SET biological = NULL, psychological = NULL, social = NULL, spiritual = NULL, needs_in_own_words = '',
              expectations = NULL WHERE victim_id = $1`,
      [victimId],
    );
    await tx.manager.query(`DELETE FROM victim_match_key WHERE victim_id = $1`, [victimId]);
    await tx.manager.query(`DELETE FROM victim_duplicate WHERE victim_id = $1 OR duplicate_of = $1`, [victimId]);
    await purgeVictimMessages(tx.manager, victimId);
  }
}
