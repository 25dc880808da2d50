import { Injectable } from '@nestjs/common';
import { purgeVictimMessages, type Transaction } from '@rujukan/messaging';

/** Tables whose rows a victim's erasure never deletes here: messaging's (purged by their own rule), the access record (append-only), the holds. */
const KEPT = /^(messaging_|access_record|legal_hold$|schema_migrations$)/;

/** A service node's legal holds, and the purge of everything it holds about one victim. */
@Injectable()
export class VictimErasureRepository {
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
   * Deletes every row about her: her referrals and, through the foreign keys,
   * every row that hangs off them (a node's own records: admissions, health
   * records, legal stages, plans and their children), children first; rows of
   * tables that name her by `victim_id`; her outbox bodies and dead letters.
   * Her data key is destroyed by the caller. Returns how many rows went.
   */
  async purge(tx: Transaction, victimId: string): Promise<number> {
    const edges: Array<{ child: string; child_col: string; parent: string; parent_col: string }> = await tx.manager.query(
      `SELECT c.conrelid::regclass::text AS child, ca.attname AS child_col, c.confrelid::regclass::text AS parent, pa.attname AS parent_col
         FROM pg_constraint c
         JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = c.conkey[1]
         JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1 AND c.connamespace = 'public'::regnamespace`,
    );
    const statements: string[] = [];
    const remove = (table: string, where: string, depth: number) => {
      if (depth > 10) throw new Error(`erasure: foreign keys nest deeper than 10 below ${table}`);
      for (const e of edges.filter((x) => x.parent === table && x.child !== table && !KEPT.test(x.child))) {
        remove(e.child, `${e.child_col} IN (SELECT ${e.parent_col} FROM ${table} WHERE ${where})`, depth + 1);
      }
      statements.push(`DELETE FROM ${table} WHERE ${where}`);
    };
    const naming: Array<{ table_name: string }> = await tx.manager.query(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'victim_id' AND table_name <> 'incoming_referral' ORDER BY table_name`,
    );
    for (const { table_name } of naming) if (!KEPT.test(table_name)) remove(table_name, 'victim_id = $1', 0);
    remove('incoming_referral', 'victim_id = $1', 0);
    let deleted = 0;
    for (const sql of statements) {
      const [, count]: [unknown, number] = await tx.manager.query(sql, [victimId]);
      deleted += count;
    }
    return deleted + (await purgeVictimMessages(tx.manager, victimId));
  }
}
