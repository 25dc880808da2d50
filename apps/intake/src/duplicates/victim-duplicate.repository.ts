import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import type { DuplicateMatch, DuplicatePerson } from './duplicate-match.js';

/** Another victim of this unit who may be the same person, with her case. */
export interface DuplicateCandidate extends DuplicatePerson {
  caseId: string;
  caseNumber: string;
  statisticsId: string | null;
}

/** The links between reports of the same person (victim_duplicate) and the victims they are looked for among. */
@Injectable()
export class VictimDuplicateRepository {
  /**
   * Victims other than `person` with the same NIK or the same sex (every
   * non-NIK match needs the sex to agree); a city's few hundred victims a
   * year keep this cheap.
   */
  async candidatesFor(tx: Transaction, person: DuplicatePerson): Promise<DuplicateCandidate[]> {
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
      `SELECT v.id, v.case_id, c.case_number, v.name, v.sex, to_char(v.birth_date, 'YYYY-MM-DD') AS birth_date, v.age_years, v.district, v.id_number, v.statistics_id
       FROM victim v JOIN case_file c ON c.id = v.case_id
       WHERE v.id <> $1 AND (v.id_number = $2 OR v.sex = $3)`,
      [person.id, person.idNumber, person.sex],
    );
    return rows.map((r) => ({
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
