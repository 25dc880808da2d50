import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import type { StatTable } from '../tables/stat-table.js';

/** `frozen_period`: a year's tables as submitted, written once. */
@Injectable()
export class FrozenPeriodsRepository {
  /** When it was frozen; null when the period is frozen already. */
  async insert(
    tx: Transaction,
    period: { period: string; frozenBy: string; policy: string; tables: StatTable[] },
  ): Promise<{ frozenAt: Date } | null> {
    const [row] = await tx.manager.query<Array<{ frozen_at: Date }>>(
      `INSERT INTO frozen_period (period, frozen_by, policy, tables) VALUES ($1, $2, $3, $4) ON CONFLICT (period) DO NOTHING RETURNING frozen_at`,
      [period.period, period.frozenBy, period.policy, JSON.stringify(period.tables)],
    );
    return row ? { frozenAt: row.frozen_at } : null;
  }
}
