import { ForbiddenException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Ownership, OwnershipResolver, Principal } from '@rujukan/auth';
import { IncomingReferral } from './incoming-referral.entity.js';

/** A referral, and what is kept under it, is hers who accepted it, or anyone's while nobody has. */
export function holderOwnership(assigneeId: string | null, staffId: string): Ownership {
  return !assigneeId || assigneeId === staffId ? 'own' : 'other';
}

/**
 * Whose the referral is for `staff`: `holderOwnership`, or `whenMissing`
 * when this agency holds no such referral.
 */
export async function referralOwnership(
  manager: EntityManager,
  referralId: string,
  staff: Principal,
  whenMissing: Ownership = 'missing',
): Promise<Ownership> {
  const referral = await manager.getRepository(IncomingReferral).findOneBy({ referralId });
  return referral ? holderOwnership(referral.assigneeId, staff.staffId) : whenMissing;
}

/**
 * Ownership of a record kept under a referral: `table` has an `id` and a
 * `referral_id`; the record is hers who holds the referral.
 */
export function ownedThroughReferral(table: string): OwnershipResolver {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  return async (manager, id, staff) => {
    const rows: Array<{ assignee_id: string | null }> = await manager.query(
      `SELECT r.assignee_id FROM ${table} x JOIN incoming_referral r ON r.referral_id = x.referral_id WHERE x.id = $1`,
      [id],
    );
    return rows.length ? holderOwnership(rows[0].assignee_id, staff.staffId) : 'missing';
  };
}

/**
 * Under the referral's row lock, checks again what the guard checked before
 * it: a case worker acts only on a referral she holds (or nobody does yet).
 */
export function assertHolder(
  referral: { assigneeId: string | null },
  staff: Principal | null,
  message = 'this referral is assigned to someone else',
): void {
  if (staff?.role === 'case-worker' && holderOwnership(referral.assigneeId, staff.staffId) === 'other')
    throw new ForbiddenException(message);
}
