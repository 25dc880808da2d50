import { Injectable } from '@nestjs/common';
import type { ReceivedMessage, Transaction } from '@rujukan/messaging';

/**
 * What each staff member has seen of the changes on her cases. An inbox row
 * is stamped when its transaction began, so one that commits after she looked
 * can carry an earlier time than the newest she saw. Her last look is
 * therefore kept a margin behind what she saw, and the events she saw inside
 * that margin are kept by id: what is after the look and not among them is new.
 */
@Injectable()
export class StaffLookRepository {
  async lookedAt(tx: Transaction, staffId: string): Promise<Date | null> {
    const rows: Array<{ looked_at: Date }> = await tx.manager.query(`SELECT looked_at FROM staff_look WHERE staff_id = $1`, [staffId]);
    return rows[0] ? new Date(rows[0].looked_at) : null;
  }

  /** The events she saw after her last look (inside its margin). */
  async seenIds(tx: Transaction, staffId: string): Promise<Set<string>> {
    const rows: Array<{ event_id: string }> = await tx.manager.query(`SELECT event_id FROM staff_seen WHERE staff_id = $1`, [staffId]);
    return new Set(rows.map((r) => r.event_id));
  }

  /**
   * Moves her last look forward to `lookedAt` (never back), keeps the events she saw after it, and forgets
   * those at or before it (the look covers them).
   */
  async seen(tx: Transaction, staffId: string, lookedAt: Date, seen: readonly ReceivedMessage[]): Promise<Date> {
    const [{ looked_at }]: Array<{ looked_at: Date }> = await tx.manager.query(
      `INSERT INTO staff_look (staff_id, looked_at) VALUES ($1, $2)
       ON CONFLICT (staff_id) DO UPDATE SET looked_at = greatest(staff_look.looked_at, excluded.looked_at)
       RETURNING looked_at`,
      [staffId, lookedAt],
    );
    const after = seen.filter((m) => m.at > new Date(looked_at));
    if (after.length) {
      await tx.manager.query(
        `INSERT INTO staff_seen (staff_id, event_id, received_at)
         SELECT $1, * FROM unnest($2::uuid[], $3::timestamptz[]) ON CONFLICT DO NOTHING`,
        [staffId, after.map((m) => m.eventId), after.map((m) => m.at)],
      );
    }
    await tx.manager.query(`DELETE FROM staff_seen WHERE staff_id = $1 AND received_at <= $2`, [staffId, looked_at]);
    return new Date(looked_at);
  }
}
