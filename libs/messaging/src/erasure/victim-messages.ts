import type { EntityManager } from 'typeorm';

/**
 * What a node's messaging keeps of one victim, purged at her erasure: outbox
 * rows naming her (their bodies; sent, receipted or not) and dead letters whose
 * raw message names her id. The inbox keeps ids and sequences only, never bodies.
 * Returns how many rows went. Run it before emitting the erasure's own events.
 */
export async function purgeVictimMessages(manager: EntityManager, victimId: string): Promise<number> {
  const [, outbox]: [unknown, number] = await manager.query(`DELETE FROM messaging_outbox WHERE envelope->>'victimId' = $1`, [victimId]);
  const [, dead]: [unknown, number] = await manager.query(
    `DELETE FROM messaging_dead_letter WHERE position(convert_to($1, 'UTF8') IN data) > 0`,
    [victimId],
  );
  return outbox + dead;
}
