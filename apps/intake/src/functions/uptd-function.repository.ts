import { Injectable } from '@nestjs/common';
import type { AccompanimentDestination, MediationOutcome, MediationParty, OutreachOutcome } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';

/** An outreach visit (penjangkauan): where the unit went, who went, what came of it. */
export interface OutreachVisit {
  id: string;
  /** YYYY-MM-DD */
  visitedOn: string;
  district: string;
  /** The village, school, port or workplace visited: a place, never a person. */
  place: string;
  /** The staff who went. */
  staff: string[];
  outcome: OutreachOutcome;
  /** Complaints taken during the visit. */
  complaints: number;
  /** A case registered from the visit, if one was. */
  caseId: string | null;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** A mediation session of a case (never in a sexual violence case). */
export interface MediationSession {
  id: string;
  caseId: string;
  victimId: string;
  heldOn: string;
  parties: MediationParty[];
  outcome: MediationOutcome;
  agreement: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** A victim accompanied (pendampingan) to the police, the court, the hospital... */
export interface AccompanimentRecord {
  id: string;
  caseId: string;
  victimId: string;
  accompaniedOn: string;
  destination: AccompanimentDestination;
  staff: string[];
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

const OUTREACH = `id, to_char(visited_on, 'YYYY-MM-DD') AS "visitedOn", district, place, staff, outcome, complaints, case_id AS "caseId",
  note, recorded_by AS "recordedBy", recorded_at AS "recordedAt"`;
const MEDIATION = `id, case_id AS "caseId", victim_id AS "victimId", to_char(held_on, 'YYYY-MM-DD') AS "heldOn", parties, outcome, agreement,
  recorded_by AS "recordedBy", recorded_at AS "recordedAt"`;
const ACCOMPANIMENT = `id, case_id AS "caseId", victim_id AS "victimId", to_char(accompanied_on, 'YYYY-MM-DD') AS "accompaniedOn",
  destination, staff, note, recorded_by AS "recordedBy", recorded_at AS "recordedAt"`;

/** Timestamps as the API answers them. */
const iso = <T extends { recordedAt: string | Date }>(row: T): T => ({ ...row, recordedAt: new Date(row.recordedAt).toISOString() });

/** `outreach_visit`, `mediation_session`, `accompaniment`: the UPTD PPA's own functions as records. */
@Injectable()
export class UptdFunctionRepository {
  async insertOutreach(tx: Transaction, v: Omit<OutreachVisit, 'recordedAt'>): Promise<OutreachVisit> {
    const [row] = await tx.manager.query<OutreachVisit[]>(
      `INSERT INTO outreach_visit (id, visited_on, district, place, staff, outcome, complaints, case_id, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${OUTREACH}`,
      [v.id, v.visitedOn, v.district, v.place, v.staff, v.outcome, v.complaints, v.caseId, v.note, v.recordedBy],
    );
    return iso(row);
  }

  /** Outreach visits from `from` to `to` (days, inclusive), latest first. */
  async outreachBetween(tx: Transaction, from: string, to: string): Promise<OutreachVisit[]> {
    const rows = await tx.manager.query<OutreachVisit[]>(
      `SELECT ${OUTREACH} FROM outreach_visit WHERE visited_on BETWEEN $1 AND $2 ORDER BY visited_on DESC, recorded_at DESC`,
      [from, to],
    );
    return rows.map(iso);
  }

  async insertMediation(tx: Transaction, m: Omit<MediationSession, 'recordedAt'>): Promise<MediationSession> {
    const [row] = await tx.manager.query<MediationSession[]>(
      `INSERT INTO mediation_session (id, case_id, victim_id, held_on, parties, outcome, agreement, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${MEDIATION}`,
      [m.id, m.caseId, m.victimId, m.heldOn, m.parties, m.outcome, m.agreement, m.recordedBy],
    );
    return iso(row);
  }

  async insertAccompaniment(tx: Transaction, a: Omit<AccompanimentRecord, 'recordedAt'>): Promise<AccompanimentRecord> {
    const [row] = await tx.manager.query<AccompanimentRecord[]>(
      `INSERT INTO accompaniment (id, case_id, victim_id, accompanied_on, destination, staff, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${ACCOMPANIMENT}`,
      [a.id, a.caseId, a.victimId, a.accompaniedOn, a.destination, a.staff, a.note, a.recordedBy],
    );
    return iso(row);
  }
}
