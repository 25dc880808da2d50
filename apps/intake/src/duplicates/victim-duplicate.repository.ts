import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { SEALED_VICTIM, IntakeSealedColumns } from '../cases/sealed-columns.js';
import type { DuplicateMatch, DuplicatePerson } from './duplicate-match.js';
import type { MatchLookup } from './match-keys.js';

/** Another victim of this unit who may be the same person, with her case. */
export interface DuplicateCandidate extends DuplicatePerson {
  caseId: string;
  caseNumber: string;
  statisticsId: string | null;
}

/** The links between reports of the same person (victim_duplicate) and the victims they are looked for among. */
@Injectable()
export class VictimDuplicateRepository {
  constructor(private readonly sealed: IntakeSealedColumns) {}

  /**
   * Victims other than `person` whom her lookup meets (match-keys.ts), found
   * by the GIN index on their keys, which intersects the key sets itself: the
   * lookup reads what the rarest of them holds, not everyone who shares a
   * common part, so it does not grow with the register. The exact rules then
   * run on these few, opened with their own data keys (a victim whose key was
   * destroyed has no row left to find).
   */
  async candidatesFor(tx: Transaction, person: DuplicatePerson, lookup: MatchLookup): Promise<DuplicateCandidate[]> {
    const params: unknown[] = [];
    const holds = (keys: Buffer[]) => `keys && $${params.push(keys)}::bytea[]`;
    const arms = [
      ...(lookup.nik.length ? [holds(lookup.nik)] : []),
      ...lookup.names.map((sets) => [holds(lookup.age), ...sets.map(holds)].join(' AND ')),
    ];
    if (!arms.length) return [];
    // Each arm is one scan of the index (a bitmap OR of them); the victims are then read by their ids.
    const found: Array<{ victim_id: string }> = await tx.manager.query(
      `SELECT victim_id FROM victim_match_key WHERE ${arms.map((a) => `(${a})`).join(' OR ')}`,
      params,
    );
    const ids = found.map((f) => f.victim_id).filter((id) => id !== person.id);
    if (!ids.length) return [];
    const rows: Array<{
      id: string;
      case_id: string;
      case_number: string;
      name: string;
      sex: DuplicatePerson['sex'];
      birth_date: string | null;
      age_years: number;
      district: string;
      id_number: string | null;
      statistics_id: string | null;
    }> = await tx.manager.query(
      `SELECT v.id, v.case_id, c.case_number, v.name, v.sex, v.birth_date, v.age_years, v.district, v.id_number, v.statistics_id
       FROM victim v JOIN case_file c ON c.id = v.case_id
       WHERE v.id = ANY ($1::uuid[])`,
      [ids],
    );
    const opened = await this.sealed.openRows(tx.manager, SEALED_VICTIM, rows, (r) => r.id, {
      name: 'name',
      birth_date: 'birthDate',
      id_number: 'idNumber',
    });
    return opened.map((r) => ({
      id: r.id,
      name: r.name,
      sex: r.sex,
      birthDate: r.birth_date,
      ageYears: r.age_years,
      district: r.district,
      idNumber: r.id_number,
      caseId: r.case_id,
      caseNumber: r.case_number,
      statisticsId: r.statistics_id,
    }));
  }

  /** Stores a victim's match keys (the victim row must exist). */
  async storeKeys(tx: Transaction, victimId: string, keys: Buffer[]): Promise<void> {
    if (!keys.length) return;
    await tx.manager.query(`INSERT INTO victim_match_key (victim_id, keys) VALUES ($1, $2::bytea[]) ON CONFLICT (victim_id) DO NOTHING`, [
      victimId,
      keys,
    ]);
  }

  /**
   * Serialises key making across the node's processes (the node and a command
   * such as an import) and says which key made the stored ones.
   */
  async lockKeying(tx: Transaction): Promise<string | null> {
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('victim_match_keying'))`);
    const [row]: Array<{ fingerprint: string }> = await tx.manager.query(`SELECT fingerprint FROM victim_match_keying`);
    return row?.fingerprint ?? null;
  }

  /** Drops every stored key (they were made with another key) and records the one that makes them now. */
  async restartKeying(tx: Transaction, fingerprint: string): Promise<void> {
    await tx.manager.query(`DELETE FROM victim_match_key`);
    await tx.manager.query(
      `INSERT INTO victim_match_keying (fingerprint) VALUES ($1) ON CONFLICT (only_row) DO UPDATE SET fingerprint = EXCLUDED.fingerprint`,
      [fingerprint],
    );
  }

  /** Up to `limit` victims that have no key yet (in id order, after `after`), with what their keys are made of. */
  async victimsWithoutKeys(tx: Transaction, after: string, limit: number): Promise<DuplicatePerson[]> {
    const rows: Array<{
      id: string;
      name: string;
      sex: DuplicatePerson['sex'];
      birth_date: string | null;
      age_years: number;
      district: string;
      id_number: string | null;
    }> = await tx.manager.query(
      `SELECT v.id, v.name, v.sex, v.birth_date, v.age_years, v.district, v.id_number FROM victim v
          WHERE v.id > $1 AND NOT EXISTS (SELECT 1 FROM victim_match_key k WHERE k.victim_id = v.id)
          ORDER BY v.id LIMIT $2`,
      [after, limit],
    );
    const opened = await this.sealed.openRows(tx.manager, SEALED_VICTIM, rows, (r) => r.id, {
      name: 'name',
      birth_date: 'birthDate',
      id_number: 'idNumber',
    });
    return opened.map((r) => ({
      id: r.id,
      name: r.name,
      sex: r.sex,
      birthDate: r.birth_date,
      ageYears: r.age_years,
      district: r.district,
      idNumber: r.id_number,
    }));
  }

  /** Records the flags (the victim row must exist). */
  async record(tx: Transaction, victimId: string, matches: DuplicateMatch[]): Promise<void> {
    for (const m of matches) {
      await tx.manager.query(
        `INSERT INTO victim_duplicate (victim_id, duplicate_of, basis, weaker, reason) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [victimId, m.id, m.basis, m.weaker, m.reason],
      );
    }
  }
}
