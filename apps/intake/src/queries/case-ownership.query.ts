import type { EntityManager } from 'typeorm';
import type { Ownership, Principal } from '@rujukan/auth';

/**
 * SQL condition: case `c` is the staff member's given as `param` (she owns it
 * or it is shared with her). The one rule behind every "my cases" list.
 */
export function caseIsTheirs(param: string): string {
  return `(c.owner_id = ${param} OR EXISTS (SELECT 1 FROM case_share s WHERE s.case_id = c.id AND s.staff_id = ${param}))`;
}

/** A case is a case worker's when she owns it or it is shared with her. */
export async function caseOwnership(manager: EntityManager, caseId: string, staff: Principal): Promise<Ownership> {
  const rows: Array<{ owner_id: string | null; shared: boolean }> = await manager.query(
    `SELECT c.owner_id, EXISTS (SELECT 1 FROM case_share s WHERE s.case_id = c.id AND s.staff_id = $2) AS shared
     FROM case_file c WHERE c.id = $1`,
    [caseId, staff.staffId],
  );
  if (!rows.length) return 'missing';
  return rows[0].owner_id === staff.staffId || rows[0].shared ? 'own' : 'other';
}

/** A referral is hers when its case is. */
export async function referralOwnership(manager: EntityManager, referralId: string, staff: Principal): Promise<Ownership> {
  const rows: Array<{ case_id: string }> = await manager.query(`SELECT case_id FROM referral WHERE id = $1`, [referralId]);
  return rows.length ? caseOwnership(manager, rows[0].case_id, staff) : 'missing';
}

/** A victim is hers when the victim's case is. */
export async function victimOwnership(manager: EntityManager, victimId: string, staff: Principal): Promise<Ownership> {
  const rows: Array<{ case_id: string }> = await manager.query(`SELECT case_id FROM victim WHERE id = $1`, [victimId]);
  return rows.length ? caseOwnership(manager, rows[0].case_id, staff) : 'missing';
}
