import type { EntityManager } from 'typeorm';
import type { Sex } from '@rujukan/contracts';
import { storedStatisticsId } from '../cases/statistics-pseudonym.js';
import { findDuplicates, type DuplicateMatch, type DuplicatePerson } from './duplicate-match.js';

export interface FlaggedDuplicate extends DuplicateMatch {
  caseId: string;
  caseNumber: string;
  /** The earlier record's pseudonymous statistics id: a strong match is counted under it, once. */
  statisticsId: string;
}

/**
 * Earlier victims of this unit who are the same person as `person`,
 * strongest first. Candidates are those with the same NIK or the same sex
 * (every non-NIK match needs the sex to agree); a city's few hundred victims
 * a year keep this cheap.
 */
export async function earlierReportsOf(
  manager: EntityManager,
  statisticsKey: string,
  person: DuplicatePerson,
): Promise<FlaggedDuplicate[]> {
  const rows: Array<{
    id: string;
    case_id: string;
    case_number: string;
    name: string;
    sex: Sex;
    birth_date: string | null;
    age_years: number;
    district: string;
    id_number: string | null;
    statistics_id: string | null;
  }> = await manager.query(
    `SELECT v.id, v.case_id, c.case_number, v.name, v.sex, to_char(v.birth_date, 'YYYY-MM-DD') AS birth_date, v.age_years, v.district, v.id_number, v.statistics_id
     FROM victim v JOIN case_file c ON c.id = v.case_id
     WHERE v.id <> $1 AND (v.id_number = $2 OR v.sex = $3)`,
    [person.id, person.idNumber, person.sex],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const matches = findDuplicates(
    person,
    rows.map((r) => ({
      id: r.id,
      name: r.name,
      sex: r.sex,
      birthDate: r.birth_date,
      ageYears: r.age_years,
      district: r.district,
      idNumber: r.id_number,
    })),
  );
  return matches.map((m) => {
    const r = byId.get(m.id)!;
    return {
      ...m,
      caseId: r.case_id,
      caseNumber: r.case_number,
      statisticsId: storedStatisticsId(statisticsKey, 'victim', { id: r.id, statisticsId: r.statistics_id }),
    };
  });
}

/** Records the flags (the victim row must exist). */
export async function recordDuplicates(manager: EntityManager, victimId: string, matches: FlaggedDuplicate[]): Promise<void> {
  for (const m of matches) {
    await manager.query(
      `INSERT INTO victim_duplicate (victim_id, duplicate_of, basis, weaker, reason) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [victimId, m.id, m.basis, m.weaker, m.reason],
    );
  }
}
