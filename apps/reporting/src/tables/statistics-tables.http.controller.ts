import { Controller, Get, Header, HttpCode, NotFoundException, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { HIDDEN_MARK, SPM_INDICATORS } from '@rujukan/contracts';
import { Allow, CurrentStaff, Public, type Principal } from '@rujukan/auth';
import { showExact, type ShownTable } from './release.js';
import { tablesToCsv, tablesToXlsx } from './exports.js';
import { StatisticsService } from './statistics-service.js';

export class TablesQuery {
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;

  /** internal: exact counts (analysts); public: small counts shown as "<k", cells hidden to protect them as "[c]", safe to publish. */
  @IsOptional()
  @IsIn(['internal', 'public'])
  view?: 'internal' | 'public';

  /** The figures as frozen (submitted) for the year, instead of the live ones. */
  @IsOptional()
  @IsIn(['true', 'false'])
  frozen?: 'true' | 'false';
}

export class PublicTablesQuery {
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;
}

export class YearParam {
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

const ANALYSTS = ['analyst'] as const;
const READERS = ['analyst', 'supervisor'] as const;

/**
 * The task force's tables: national breakdowns and SPM coverage, internal or
 * public, live or frozen, as JSON, CSV or XLSX; referral performance.
 */
@Controller()
export class StatisticsTablesHttpController {
  constructor(private readonly statistics: StatisticsService) {}

  @Allow(READERS, { resource: 'statistics', action: 'read' })
  @Get('statistics/tables')
  async tables(@Query() q: TablesQuery, @CurrentStaff() staff: Principal) {
    const r = await this.release(q, staff);
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

  @Allow(READERS, { resource: 'statistics', action: 'export' })
  @Get('statistics/tables.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  async csv(@Query() q: TablesQuery, @CurrentStaff() staff: Principal, @Res({ passthrough: true }) res: Response) {
    const r = await this.release(q, staff);
    res.setHeader('content-disposition', `attachment; filename="statistik-${q.year}-${r.view}.csv"`);
    return tablesToCsv(r.tables, this.meta(q, r.view, r.policy));
  }

  @Allow(READERS, { resource: 'statistics', action: 'export' })
  @Get('statistics/tables.xlsx')
  async xlsx(@Query() q: TablesQuery, @CurrentStaff() staff: Principal) {
    const r = await this.release(q, staff);
    return new StreamableFile(await tablesToXlsx(r.tables, this.meta(q, r.view, r.policy)), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="statistik-${q.year}-${r.view}.xlsx"`,
    });
  }

  /** For publishing (a website, a dashboard on the wall): the suppressed view, no sign-in. */
  @Public()
  @Get('public/statistics/tables')
  async publicTables(@Query() q: PublicTablesQuery) {
    const { k, policy, targets } = this.statistics.settings;
    // The SPM targets are policy, not data: published with the tables so coverage can be read against them.
    return {
      year: q.year,
      district: q.district ?? null,
      view: 'public',
      k,
      policy,
      targets,
      tables: await this.statistics.public(q.year, q.district),
    };
  }

  /** SPM coverage against the targets, exact (analysts; the public tables carry it suppressed). */
  @Allow(ANALYSTS, { resource: 'statistics', action: 'read' })
  @Get('statistics/spm')
  async spm(@Query() q: PublicTablesQuery) {
    const table = (await this.statistics.internal(q.year, q.district)).find((t) => t.id === 'spm-coverage')!;
    return SPM_INDICATORS.map((indicator) => {
      const numerator = table.values[indicator].numerator as number;
      const denominator = table.values[indicator].denominator as number;
      const coverage = denominator ? Math.round((numerator / denominator) * 1000) / 10 : null;
      const target = this.statistics.settings.targets[indicator];
      return { indicator, numerator, denominator, coverage, target, met: coverage === null ? null : coverage >= target };
    });
  }

  @Allow(ANALYSTS, { resource: 'statistics', action: 'read' })
  @Get('statistics/referral-performance')
  performance(@Query() q: PublicTablesQuery) {
    return this.statistics.referralPerformance(q.year, q.district);
  }

  /** Freezes a year's figures as submitted (to SIMFONI-PPA, to the minister): kept as they are, with the date. */
  @Allow(['supervisor'], { resource: 'statistics', action: 'write' })
  @Post('statistics/periods/:year/freeze')
  @HttpCode(201)
  async freeze(@Param() p: YearParam, @CurrentStaff() staff: Principal) {
    const f = await this.statistics.freeze(p.year, staff.staffId);
    return { period: f.period, frozenAt: f.frozenAt, frozenBy: f.frozenBy, policy: f.policy };
  }

  @Allow(READERS, { resource: 'statistics', action: 'read' })
  @Get('statistics/periods')
  periods() {
    return this.statistics.periods();
  }

  private async release(
    q: TablesQuery,
    staff: Principal,
  ): Promise<{ view: 'internal' | 'public'; policy: string; frozenAt?: Date; tables: ShownTable[] }> {
    const view = q.view ?? (staff.role === 'analyst' ? 'internal' : 'public');
    // Exact counts are for analysts; a supervisor sees what may be published.
    const effective = staff.role === 'analyst' ? view : 'public';
    if (q.frozen === 'true') {
      const frozen = await this.statistics.frozen(String(q.year));
      if (!frozen) throw new NotFoundException(`${q.year} has not been frozen`);
      if (effective === 'public') {
        return {
          view: 'public',
          policy: frozen.policy,
          frozenAt: frozen.frozenAt,
          tables: await this.statistics.public(q.year, undefined, true),
        };
      }
      return { view: 'internal', policy: frozen.policy, frozenAt: frozen.frozenAt, tables: showExact(frozen.tables) };
    }
    const tables =
      effective === 'public' ? await this.statistics.public(q.year, q.district) : await this.statistics.internal(q.year, q.district);
    return { view: effective, policy: this.statistics.settings.policy, tables };
  }

  private meta(q: TablesQuery, view: string, policy: string): Record<string, string> {
    return {
      year: String(q.year),
      district: q.district ?? 'all',
      view:
        view === 'public'
          ? `public (counts below ${this.statistics.settings.k} shown as <${this.statistics.settings.k}, counts hidden to protect them as ${HIDDEN_MARK}; see each table's note)`
          : 'internal (exact counts, not for publication)',
      'counting policy': policy,
      frozen: q.frozen === 'true' ? 'yes' : 'no (live figures)',
      generated: new Date().toISOString(),
    };
  }
}
