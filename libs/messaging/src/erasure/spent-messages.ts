import type { EntityManager } from 'typeorm';

/**
 * Messaging's own data lifetimes (design.md section 9, "Lifetimes"): an
 * outbox row's body is purged once its receipt is `graceDays` old (a
 * broadcast or an answer that asks for no receipt: once it was sent that
 * long ago), keeping its ids, type, addressee and service so the case's
 * history still lists it; a dead letter is deleted once it was resolved
 * (replayed) that long ago. An unsent row, one still waiting for its receipt
 * and an open dead letter are never touched. Returns how many rows changed.
 */
export async function purgeSpentMessages(manager: EntityManager, graceDays: number, now: Date): Promise<number> {
  const before = new Date(now.getTime() - graceDays * 86_400_000);
  const [, bodies]: [unknown, number] = await manager.query(
    `UPDATE messaging_outbox
        SET envelope = (envelope - 'payload' - 'encrypted' - 'signature' - 'nextSignature')
                       || jsonb_build_object('payload', jsonb_strip_nulls(jsonb_build_object('service', envelope->'payload'->'service'))),
            body_purged_at = $2
      WHERE body_purged_at IS NULL AND sent_at IS NOT NULL
        AND coalesce(receipt_at, sent_at) < $1
        AND (receipt_at IS NOT NULL OR NOT requires_receipt)`,
    [before, now],
  );
  const [, letters]: [unknown, number] = await manager.query(
    `DELETE FROM messaging_dead_letter WHERE replayed_at IS NOT NULL AND replayed_at < $1`,
    [before],
  );
  return bodies + letters;
}
