import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { HIDDEN_MARK } from '@rujukan/contracts';
import { fieldErrorsException } from '@rujukan/platform';
import type { Principal } from '@rujukan/auth';
import { FrozenPeriodsQuery } from '../queries/frozen-periods.query.js';
import { tablesToCsv, tablesToXlsx } from '../tables/exports.js';
import { showExact, type ShownTable } from '../tables/release.js';
import { REPORTING_SETTINGS, type ReportingSettings } from '../tables/reporting.settings.js';
import { StatisticsTables } from '../tables/statistics-tables.js';
import type { TablesQuery } from '../tables/table-filters.dto.js';
import type { CountingDate } from '../tables/reporting.settings.js';

interface Shown {
  view: 'internal' | 'public';
  policy: string;
  /** The date cases count by. */
  countedBy: CountingDate;
  frozenAt?: Date;
  tables: ShownTable[];
}

/** The tables for signed-in staff: exact for analysts, public for everyone else; live or frozen; JSON, CSV or XLSX. */
@Injectable()
export class ReadTablesService {
  constructor(
    private readonly statistics: StatisticsTables,
    private readonly frozenPeriods: FrozenPeriodsQuery,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  async tables(q: TablesQuery, staff: Principal) {
    const r = await this.shown(q, staff);
    // The change from the year before, where both totals are shown as numbers.
    const byMonth = r.tables.find((t) => t.id === 'cases-by-month')?.values.total;
    const [now, before] = [byMonth?.[String(q.year)], byMonth?.[String(q.year - 1)]];
    const change =
      typeof now === 'number' && typeof before === 'number'
        ? {
            cases: now,
            casesYearBefore: before,
            change: now - before,
            changePercent: before ? Math.round(((now - before) / before) * 1000) / 10 : null,
          }
        : null;
    return { year: q.year, district: q.district ?? null, ...r, yearOnYear: change };
  }

  async csv(q: TablesQuery, staff: Principal): Promise<{ view: Shown['view']; csv: string }> {
    const r = await this.shown(q, staff);
    return { view: r.view, csv: tablesToCsv(r.tables, this.meta(q, r)) };
  }

  async xlsx(q: TablesQuery, staff: Principal): Promise<{ view: Shown['view']; xlsx: Buffer }> {
    const r = await this.shown(q, staff);
    return { view: r.view, xlsx: await tablesToXlsx(r.tables, this.meta(q, r)) };
  }

  private async shown(q: TablesQuery, staff: Principal): Promise<Shown> {
    const view = q.view ?? (staff.role === 'analyst' ? 'internal' : 'public');
    // Exact counts are for analysts; a supervisor sees what may be published.
    const effective = staff.role === 'analyst' ? view : 'public';
    const countedBy = q.date ?? 'reported';
    // Published and frozen figures count by the date reported only (StatisticsTables.public says why).
    if (countedBy === 'incident' && (effective === 'public' || q.frozen === 'true'))
      throw fieldErrorsException({
        date: [
          effective === 'public'
            ? 'date=incident is for the internal view only: the public view counts by the date reported'
            : 'frozen figures count by the date reported',
        ],
      });
    if (q.frozen === 'true') {
      const frozen = await this.frozenPeriods.find(String(q.year));
      if (!frozen) throw new NotFoundException(`${q.year} has not been frozen`);
      if (effective === 'public') {
        return {
          view: 'public',
          policy: frozen.policy,
          countedBy,
          frozenAt: frozen.frozenAt,
          tables: await this.statistics.public(q.year, undefined, true),
        };
      }
      return { view: 'internal', policy: frozen.policy, countedBy, frozenAt: frozen.frozenAt, tables: showExact(frozen.tables) };
    }
    const tables =
      effective === 'public'
        ? await this.statistics.public(q.year, q.district)
        : await this.statistics.internal(q.year, q.district, countedBy);
    return { view: effective, policy: this.settings.policy, countedBy, tables };
  }

  private meta(q: TablesQuery, { view, policy, countedBy }: Shown): Record<string, string> {
    return {
      year: String(q.year),
      district: q.district ?? 'all',
      view:
        view === 'public'
          ? `public (counts below ${this.settings.k} shown as <${this.settings.k}, counts hidden to protect them as ${HIDDEN_MARK}; see each table's note)`
          : 'internal (exact counts, not for publication)',
      'counting policy': policy,
      'counted by':
        countedBy === 'incident'
          ? 'the date of the incident, where known (else the date reported); age at the incident'
          : 'the date the case was reported; age at the incident, where known',
      frozen: q.frozen === 'true' ? 'yes' : 'no (live figures)',
      generated: new Date().toISOString(),
    };
  }
}
