import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';

/** When each staff member last looked at what changed on her cases. */
@Injectable()
export class StaffLookRepository {
  async lookedAt(tx: Transaction, staffId: string): Promise<Date | null> {
    const rows: Array<{ looked_at: Date }> = await tx.manager.query(`SELECT looked_at FROM staff_look WHERE staff_id = $1`, [staffId]);
    return rows[0] ? new Date(rows[0].looked_at) : null;
  }

  /** Moves her last look forward to `upTo`, never back (an older page's "seen" changes nothing). */
  async lookedUpTo(tx: Transaction, staffId: string, upTo: Date): Promise<Date> {
    const rows: Array<{ looked_at: Date }> = await tx.manager.query(
      `INSERT INTO staff_look (staff_id, looked_at) VALUES ($1, $2)
       ON CONFLICT (staff_id) DO UPDATE SET looked_at = greatest(staff_look.looked_at, excluded.looked_at)
       RETURNING looked_at`,
      [staffId, upTo],
    );
    return new Date(rows[0].looked_at);
  }
}
