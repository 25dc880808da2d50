import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StatTable } from '../tables/stat-table.js';

export interface FrozenPeriod {
  period: string;
  frozenAt: Date;
  frozenBy: string;
  policy: string;
}

export interface FrozenRelease extends FrozenPeriod {
  tables: StatTable[];
}

/** The frozen (submitted) periods. */
@Injectable()
export class FrozenPeriodsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async find(period: string): Promise<FrozenRelease | null> {
    const rows = await this.dataSource.query<FrozenRelease[]>(
      `SELECT period, frozen_at AS "frozenAt", frozen_by AS "frozenBy", policy, tables FROM frozen_period WHERE period = $1`,
      [period],
    );
    return rows[0] ?? null;
  }

  async list(): Promise<FrozenPeriod[]> {
    return this.dataSource.query<FrozenPeriod[]>(
      `SELECT period, frozen_at AS "frozenAt", frozen_by AS "frozenBy", policy FROM frozen_period ORDER BY period`,
    );
  }
}
