import { Inject, Injectable } from '@nestjs/common';
import { REPORTING_SETTINGS, type ReportingSettings } from '../tables/reporting.settings.js';
import { StatisticsTables } from '../tables/statistics-tables.js';

/** The tables as they may be published: small counts suppressed, with the threshold, policy and targets they were made with. */
@Injectable()
export class PublishTablesService {
  constructor(
    private readonly statistics: StatisticsTables,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  async tables(year: number, district?: string) {
    const { k, policy, targets } = this.settings;
    // The SPM targets are policy, not data: published with the tables so coverage can be read against them.
    return {
      year,
      district: district ?? null,
      view: 'public',
      // Published figures count by the date reported (StatisticsTables.public).
      countedBy: 'reported',
      k,
      policy,
      targets,
      tables: await this.statistics.public(year, district),
    };
  }
}
