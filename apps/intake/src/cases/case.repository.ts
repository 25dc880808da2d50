import { Injectable } from '@nestjs/common';
import { yearIn } from '@rujukan/contracts';
import type { Transaction } from '@rujukan/messaging';
import { CaseFile } from './case.entity.js';
import { CaseShare } from './case-share.entity.js';
import { Perpetrator } from './perpetrator.entity.js';
import { TraffickingStage } from './trafficking-stage.entity.js';
import { IntakeSealedColumns, REOPENING_FIELDS, SEALED_CASE, SEALED_PERPETRATOR, SEALED_STAGE, SEALED_VICTIM } from './sealed-columns.js';
import { Victim } from './victim.entity.js';

/** The case aggregate's writes (and the reads a write decides on): case, victims, perpetrators, stages, shares, the register's counter. */
@Injectable()
export class CaseRepository {
  constructor(private readonly sealed: IntakeSealedColumns) {}

  /**
   * Gives the case the next number of the unit's case register for the year
   * (in the node's time zone): `2026-0042`. The counter row is locked by the
   * upsert until the commit, so two registrations never share a number and a
   * rolled-back one leaves no gap; call it last in the transaction.
   */
  async number(tx: Transaction, caseId: string, now: Date, timeZone: string): Promise<string> {
    const year = yearIn(now, timeZone);
    const [row]: Array<{ last: number }> = await tx.manager.query(
      `INSERT INTO case_number_counter (year, last) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last = case_number_counter.last + 1 RETURNING last`,
      [year],
    );
    const caseNumber = `${year}-${String(row.last).padStart(4, '0')}`;
    await tx.manager.query(`UPDATE case_file SET case_number = $1 WHERE id = $2`, [caseNumber, caseId]);
    return caseNumber;
  }

  /** The transaction's own time, which rows take by default: the timeline keeps their order. */
  async now(tx: Transaction): Promise<Date> {
    const [{ now }]: Array<{ now: Date }> = await tx.manager.query('SELECT now() AS now');
    return now;
  }

  /** The case as registered (readable); the row holds its words about people sealed with the case's key. */
  async insert(tx: Transaction, fields: Partial<CaseFile>): Promise<CaseFile> {
    const [caseFile] = await this.sealed.insert(tx.manager, SEALED_CASE, [fields]);
    return caseFile;
  }

  find(tx: Transaction, id: string): Promise<CaseFile | null> {
    return tx.manager.getRepository(CaseFile).findOneBy({ id });
  }

  /** Locked until the transaction ends: one change of a case at a time. */
  lock(tx: Transaction, id: string): Promise<CaseFile | null> {
    return tx.manager.getRepository(CaseFile).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  exists(tx: Transaction, id: string): Promise<boolean> {
    return tx.manager.getRepository(CaseFile).existsBy({ id });
  }

  /** Changes the case's fields; false when there is no such case. */
  async update(tx: Transaction, id: string, fields: Partial<CaseFile>): Promise<boolean> {
    const result = await tx.manager.getRepository(CaseFile).update({ id }, await this.sealed.seal(tx.manager, SEALED_CASE, id, fields));
    return !!result.affected;
  }

  /** Keeps the closure a supervisor's reopening undoes, with her reason (the timeline shows both). */
  async recordReopening(
    tx: Transaction,
    r: {
      id: string;
      caseId: string;
      closedAt: Date;
      closedBy: string | null;
      closureNote: string | null;
      reopenedBy: string;
      reason: string;
    },
  ): Promise<void> {
    // The closure it undoes and the reason, sealed with the case's key (the timeline opens them).
    const key = await this.sealed.keys.forWriting(tx.manager, r.caseId);
    await tx.manager.query(
      `INSERT INTO case_reopening (id, case_id, closed_at, closed_by, closure_note, reopened_by, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        r.id,
        r.caseId,
        r.closedAt,
        r.closedBy,
        key.seal(REOPENING_FIELDS.closureNote, r.closureNote),
        r.reopenedBy,
        key.seal(REOPENING_FIELDS.reason, r.reason),
      ],
    );
  }

  /** Shares the case with a staff member (once). */
  async share(tx: Transaction, caseId: string, staffId: string, sharedBy: string): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(CaseShare).values({ caseId, staffId, sharedBy }).orIgnore().execute();
  }

  /** Cases past their first-response deadline, not alerted yet, locked (others skip them). */
  lockOverdue(tx: Transaction, now: Date): Promise<Array<{ id: string; risk_level: CaseFile['riskLevel']; statistics_id: string | null }>> {
    return tx.manager.query(
      `SELECT id, risk_level, statistics_id FROM case_file
       WHERE first_responded_at IS NULL AND overdue_alerted_at IS NULL AND first_response_due_at <= $1
         AND status NOT IN ('closed', 'closed-referred')
       ORDER BY first_response_due_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
      [now],
    );
  }

  async markOverdueAlerted(tx: Transaction, caseId: string, now: Date): Promise<void> {
    await tx.manager.query(`UPDATE case_file SET overdue_alerted_at = $2 WHERE id = $1`, [caseId, now]);
  }

  createVictim(tx: Transaction, fields: Partial<Victim>): Victim {
    return tx.manager.getRepository(Victim).create(fields);
  }

  /** Her identifying columns are stored sealed with her data key (made here); the entities passed keep them readable. */
  async insertVictims(tx: Transaction, victims: Victim[]): Promise<void> {
    const sealed = await Promise.all(victims.map((v) => this.sealed.seal(tx.manager, SEALED_VICTIM, v.id, { ...v })));
    await tx.manager.getRepository(Victim).insert(sealed);
  }

  victimsOf(tx: Transaction, caseId: string): Promise<Victim[]> {
    return tx.manager.getRepository(Victim).find({ where: { caseId }, order: { id: 'ASC' } });
  }

  findVictim(tx: Transaction, id: string, caseId: string): Promise<Victim | null> {
    return tx.manager.getRepository(Victim).findOneBy({ id, caseId });
  }

  isVictimOf(tx: Transaction, id: string, caseId: string): Promise<boolean> {
    return tx.manager.getRepository(Victim).existsBy({ id, caseId });
  }

  /** Locked: two consent changes of one victim decide and number their events one after the other. */
  lockVictim(tx: Transaction, id: string): Promise<Victim | null> {
    return tx.manager.getRepository(Victim).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateVictim(tx: Transaction, id: string, fields: Partial<Victim>): Promise<void> {
    await tx.manager.getRepository(Victim).update({ id }, await this.sealed.seal(tx.manager, SEALED_VICTIM, id, fields));
  }

  async insertPerpetrators(tx: Transaction, fields: Array<Partial<Perpetrator>>): Promise<Perpetrator[]> {
    return this.sealed.insert(tx.manager, SEALED_PERPETRATOR, fields);
  }

  perpetratorsOf(tx: Transaction, caseId: string): Promise<Perpetrator[]> {
    return tx.manager.getRepository(Perpetrator).find({ where: { caseId } });
  }

  async insertStages(tx: Transaction, fields: Array<Partial<TraffickingStage>>): Promise<TraffickingStage[]> {
    return this.sealed.insert(tx.manager, SEALED_STAGE, fields);
  }

  stagesOf(tx: Transaction, caseId: string): Promise<TraffickingStage[]> {
    return tx.manager.getRepository(TraffickingStage).find({ where: { caseId }, order: { occurredOn: 'ASC' } });
  }
}
