import { Inject, Injectable } from '@nestjs/common';
import { SPM_INDICATORS } from '@rujukan/contracts';
import { REPORTING_SETTINGS, type CountingDate, type ReportingSettings } from '../tables/reporting.settings.js';
import { StatisticsTables } from '../tables/statistics-tables.js';

/** SPM coverage against the targets, exact (the public tables carry it suppressed). */
@Injectable()
export class ReadSpmCoverageService {
  constructor(
    private readonly statistics: StatisticsTables,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  async coverage(year: number, district?: string, by: CountingDate = 'reported') {
    const table = (await this.statistics.internal(year, district, by)).find((t) => t.id === 'spm-coverage')!;
    return SPM_INDICATORS.map((indicator) => {
      const numerator = table.values[indicator].numerator as number;
      const denominator = table.values[indicator].denominator as number;
      const coverage = denominator ? Math.round((numerator / denominator) * 1000) / 10 : null;
      const target = this.settings.targets[indicator];
      return { indicator, numerator, denominator, coverage, target, met: coverage === null ? null : coverage >= target };
    });
  }
}
