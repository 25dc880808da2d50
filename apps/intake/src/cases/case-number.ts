import type { EntityManager } from 'typeorm';
import { yearIn } from '@rujukan/contracts';

/**
 * The next number of the unit's case register for the year (in the node's
 * time zone): `2026-0042`. The counter row is locked by the upsert, so two
 * registrations never share a number.
 */
export async function nextCaseNumber(manager: EntityManager, now: Date, timeZone: string): Promise<string> {
  const year = yearIn(now, timeZone);
  const [row]: Array<{ last: number }> = await manager.query(
    `INSERT INTO case_number_counter (year, last) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last = case_number_counter.last + 1 RETURNING last`,
    [year],
  );
  return `${year}-${String(row.last).padStart(4, '0')}`;
}
