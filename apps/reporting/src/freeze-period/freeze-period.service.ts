import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rujukan/messaging';
import { FrozenPeriodsQuery, type FrozenPeriod } from '../queries/frozen-periods.query.js';
import { FrozenPeriodsRepository } from '../repositories/frozen-periods.repository.js';
import { REPORTING_SETTINGS, type ReportingSettings } from '../tables/reporting.settings.js';
import { StatisticsTables } from '../tables/statistics-tables.js';

/** A year's figures as submitted (to SIMFONI-PPA, to the minister): kept as they are, with the date; live figures go on. */
@Injectable()
export class FreezePeriodService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly statistics: StatisticsTables,
    private readonly frozenPeriods: FrozenPeriodsRepository,
    private readonly periodsQuery: FrozenPeriodsQuery,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  /** Freezes a year once; a second freeze is refused. */
  async freeze(year: number, staffId: string): Promise<FrozenPeriod> {
    const tables = await this.statistics.exact(year);
    const period = String(year);
    const { policy } = this.settings;
    return this.unitOfWork.run(async (tx) => {
      const row = await this.frozenPeriods.insert(tx, { period, frozenBy: staffId, policy, tables });
      if (!row) throw new ConflictException(`${year} is frozen already`);
      return { period, frozenAt: row.frozenAt, frozenBy: staffId, policy };
    });
  }

  periods(): Promise<FrozenPeriod[]> {
    return this.periodsQuery.list();
  }
}
