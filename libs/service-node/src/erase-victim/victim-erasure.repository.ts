import { Injectable } from '@nestjs/common';
import { DataKeys, purgeVictimMessages, type Transaction } from '@rujukan/messaging';

/** Tables whose rows a victim's erasure never deletes here: messaging's (purged by their own rule), the access record (append-only), the holds. */
const KEPT = /^(messaging_|access_record|legal_hold$|schema_migrations$)/;

/** A service node's legal holds, and the purge of everything it holds about one victim. */
@Injectable()
export class VictimErasureRepository {
  constructor(private readonly keys: DataKeys) {}

  async holdOf(tx: Transaction, victimId: string): Promise<string | null> {
    const [row]: Array<{ reason: string }> = await tx.manager.query(`SELECT reason FROM legal_hold WHERE victim_id = $1`, [victimId]);
    return row?.reason ?? null;
  }

  async recordHold(tx: Transaction, victimId: string, reason: string, staffId: string): Promise<void> {
    await tx.manager.query(
      `INSERT INTO legal_hold (victim_id, reason, recorded_by) VALUES ($1, $2, $3)
       ON CONFLICT (victim_id) DO UPDATE SET reason = EXCLUDED.reason, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [victimId, reason, staffId],
    );
  }

  /** Her referrals here (a revocation that overtook its request names nobody). */
  async referralsOf(tx: Transaction, victimId: string): Promise<Array<{ referralId: string; caseId: string | null }>> {
    return tx.manager.query(`SELECT referral_id AS "referralId", case_id AS "caseId" FROM incoming_referral WHERE victim_id = $1`, [
      victimId,
    ]);
  }

  /**
   * Her erasure here: every row about her purged, and her data key destroyed
   * with those of each of her referrals (which seal the node's own records
   * about her: SEALED_RECORDS), so no backup of them opens either.
   */
  async erase(tx: Transaction, victimId: string): Promise<number> {
    const referrals = await this.referralsOf(tx, victimId);
    const purged = await this.purge(tx, victimId);
    for (const { referralId } of referrals) await this.keys.destroy(tx.manager, referralId);
    await this.keys.destroy(tx.manager, victimId);
    return purged;
  }

  /**
   * Deletes every row about her: her referrals and, through the foreign keys,
   * every row that hangs off them (a node's own records: admissions, health
   * records, legal stages, plans and their children), children first; rows of
   * tables that name her by `victim_id`; her outbox bodies and dead letters.
   * The keys are destroyed by `erase`. Returns how many rows went.
   */
  private async purge(tx: Transaction, victimId: string): Promise<number> {
    const edges = await foreignKeys(tx);
    const statements: string[] = [];
    const naming: Array<{ table_name: string }> = await tx.manager.query(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'victim_id' AND table_name <> 'incoming_referral' ORDER BY table_name`,
    );
    for (const { table_name } of naming) if (!KEPT.test(table_name)) deleteDown(edges, statements, table_name, 'victim_id = $1', 0);
    deleteDown(edges, statements, 'incoming_referral', 'victim_id = $1', 0);
    return (await run(tx, statements, victimId)) + (await purgeVictimMessages(tx.manager, victimId));
  }

  /**
   * Declined or revoked referrals whose answer is older than `before`, whose
   * person is still here, with no legal hold on her and nothing of hers still
   * waiting in the outbox (the answer itself must leave first).
   */
  async endedPastGrace(tx: Transaction, before: Date, limit = 500): Promise<Array<{ referralId: string; victimId: string | null }>> {
    return tx.manager.query(
      `SELECT r.referral_id AS "referralId", r.victim_id AS "victimId" FROM incoming_referral r
        WHERE r.state IN ('declined', 'revoked') AND r.person_erased_at IS NULL AND r.updated_at < $1
          AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.victim_id = r.victim_id)
          AND NOT EXISTS (SELECT 1 FROM messaging_outbox o WHERE o.sent_at IS NULL AND o.envelope->>'victimId' = r.victim_id::text)
        ORDER BY r.updated_at LIMIT $2 FOR UPDATE OF r SKIP LOCKED`,
      [before, limit],
    );
  }

  /**
   * Forgets the person of one declined or revoked referral: the rows that hang
   * off it (a revoked stay's admission), the person as referred and every note
   * about her, and the referral's own data key (nothing it sealed is left);
   * the referral's state, service, codes and dates stay.
   */
  async forgetPerson(tx: Transaction, referralId: string): Promise<number> {
    const edges = await foreignKeys(tx);
    const statements: string[] = [];
    for (const e of edges.filter((x) => x.parent === 'incoming_referral' && !KEPT.test(x.child)))
      deleteDown(edges, statements, e.child, `${e.child_col} IN (SELECT ${e.parent_col} FROM incoming_referral WHERE referral_id = $1)`, 1);
    statements.push(
      `UPDATE incoming_referral SET person = '{}'::jsonb, consent_override_reason = NULL, decline_reason = NULL, revoke_reason = NULL,
              completion_note = NULL, person_erased_at = now() WHERE referral_id = $1`,
    );
    const changed = await run(tx, statements, referralId);
    await this.keys.destroy(tx.manager, referralId);
    return changed;
  }

  /** Whether any referral here still holds her person (then her data key stays). */
  async stillHeld(tx: Transaction, victimId: string): Promise<boolean> {
    const rows: unknown[] = await tx.manager.query(
      `SELECT 1 FROM incoming_referral WHERE victim_id = $1 AND person_erased_at IS NULL LIMIT 1`,
      [victimId],
    );
    return rows.length > 0;
  }

  /**
   * Victims whose every referral here has ended (completed, declined or
   * revoked) and whose last change is older than `before`: her case is closed
   * here and the agency's retention has passed. A legal hold keeps her.
   */
  async closedPastRetention(tx: Transaction, before: Date, limit = 200): Promise<string[]> {
    const rows: Array<{ victim_id: string }> = await tx.manager.query(
      `SELECT r.victim_id FROM incoming_referral r
        WHERE r.victim_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.victim_id = r.victim_id)
        GROUP BY r.victim_id
       HAVING bool_and(r.state IN ('completed', 'declined', 'revoked')) AND max(r.updated_at) < $1
        ORDER BY max(r.updated_at) LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => r.victim_id);
  }
}

interface ForeignKey {
  child: string;
  child_col: string;
  parent: string;
  parent_col: string;
}

/** The single-column foreign keys of the node's own tables. */
function foreignKeys(tx: Transaction): Promise<ForeignKey[]> {
  return tx.manager.query(
    `SELECT c.conrelid::regclass::text AS child, ca.attname AS child_col, c.confrelid::regclass::text AS parent, pa.attname AS parent_col
       FROM pg_constraint c
       JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = c.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1 AND c.connamespace = 'public'::regnamespace`,
  );
}

/** Adds the deletes of `table`'s rows matching `where`, after those of every row hanging off them (children first). */
function deleteDown(edges: ForeignKey[], statements: string[], table: string, where: string, depth: number): void {
  if (depth > 10) throw new Error(`erasure: foreign keys nest deeper than 10 below ${table}`);
  for (const e of edges.filter((x) => x.parent === table && x.child !== table && !KEPT.test(x.child))) {
    deleteDown(edges, statements, e.child, `${e.child_col} IN (SELECT ${e.parent_col} FROM ${table} WHERE ${where})`, depth + 1);
  }
  statements.push(`DELETE FROM ${table} WHERE ${where}`);
}

async function run(tx: Transaction, statements: string[], param: string): Promise<number> {
  let changed = 0;
  for (const sql of statements) {
    const [, count]: [unknown, number] = await tx.manager.query(sql, [param]);
    changed += count;
  }
  return changed;
}
