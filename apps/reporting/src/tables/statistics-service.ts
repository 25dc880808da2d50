import { createHash } from 'node:crypto';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadFacts } from './facts.js';
import { referralPerformance } from './referral-performance.js';
import { publicReleases, releaseKey, showExact, tablesFor, type Release, type ShownTable } from './release.js';
import { REPORTING_SETTINGS, type ReportingSettings } from './reporting.settings.js';
import type { StatTable } from './stat-table.js';

export interface FrozenRelease {
  period: string;
  frozenAt: Date;
  frozenBy: string;
  policy: string;
  tables: StatTable[];
}

/** The statistics of the reporting node: internal (exact) and public (suppressed), live or frozen. */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTING_SETTINGS) readonly settings: ReportingSettings,
  ) {}

  /** Exact tables of a year (and district), under the counting policy. */
  async tables(year: number, district?: string): Promise<StatTable[]> {
    const facts = await loadFacts(this.dataSource.manager, { years: [year, year - 1], district, policy: this.settings.policy });
    return tablesFor(facts, year);
  }

  async internal(year: number, district?: string): Promise<ShownTable[]> {
    return showExact(await this.tables(year, district));
  }

  /**
   * The public view of a year and district. Suppression runs over every
   * release the public can ask for (each year with data, the region and each
   * district) and every frozen release, together.
   */
  async public(year: number, district?: string, frozen = false): Promise<ShownTable[]> {
    const releases = await this.allReleases();
    if (frozen) {
      const { shown } = await this.suppressed(releases);
      const tables = shown.get(releaseKey(-year, 'frozen'));
      if (!tables) throw new NotFoundException(`${year} has not been frozen`);
      return tables;
    }
    // The district as stored, whatever its case in the request.
    const stored = district
      ? releases.find((r) => r.district && r.district !== 'frozen' && r.district.toLowerCase() === district.toLowerCase())?.district
      : null;
    const wanted = releaseKey(year, stored ?? district ?? null);
    if (!releases.some((r) => releaseKey(r.year, r.district) === wanted))
      releases.push({ year, district: stored ?? district ?? null, tables: await this.tables(year, district) });
    const { shown } = await this.suppressed(releases);
    return shown.get(wanted)!;
  }

  /**
   * The joint suppression is the costly part (seconds for a city's years):
   * it is kept until the releases change, compared by content.
   */
  private cache?: { signature: string; result: Promise<ReturnType<typeof publicReleases>> };
  private suppressed(releases: Release[]): Promise<ReturnType<typeof publicReleases>> {
    const signature = createHash('sha256')
      .update(JSON.stringify(releases.map((r) => [r.year, r.district, r.tables.map((t) => t.cells.map((c) => c.units))])))
      .digest('hex');
    if (this.cache?.signature !== signature)
      this.cache = { signature, result: Promise.resolve().then(() => publicReleases(releases, this.settings.k)) };
    return this.cache.result;
  }

  async referralPerformance(year: number, district?: string) {
    const facts = await loadFacts(this.dataSource.manager, { years: [year], district, policy: this.settings.policy });
    return referralPerformance(facts, year);
  }

  /** Keeps a year's tables as they are now, as submitted; live figures go on. */
  async freeze(year: number, staffId: string): Promise<FrozenRelease> {
    const tables = await this.tables(year);
    const [row] = await this.dataSource.query<Array<{ frozen_at: Date }>>(
      `INSERT INTO frozen_period (period, frozen_by, policy, tables) VALUES ($1, $2, $3, $4) ON CONFLICT (period) DO NOTHING RETURNING frozen_at`,
      [String(year), staffId, this.settings.policy, JSON.stringify(tables)],
    );
    if (!row) throw new ConflictException(`${year} is frozen already`);
    return { period: String(year), frozenAt: row.frozen_at, frozenBy: staffId, policy: this.settings.policy, tables };
  }

  async frozen(period: string): Promise<FrozenRelease | null> {
    const rows: Array<{ period: string; frozen_at: Date; frozen_by: string; policy: string; tables: StatTable[] }> =
      await this.dataSource.query(`SELECT period, frozen_at, frozen_by, policy, tables FROM frozen_period WHERE period = $1`, [period]);
    return rows[0]
      ? { period: rows[0].period, frozenAt: rows[0].frozen_at, frozenBy: rows[0].frozen_by, policy: rows[0].policy, tables: rows[0].tables }
      : null;
  }

  async periods(): Promise<Array<{ period: string; frozenAt: Date; frozenBy: string; policy: string }>> {
    const rows: Array<{ period: string; frozen_at: Date; frozen_by: string; policy: string }> = await this.dataSource.query(
      `SELECT period, frozen_at, frozen_by, policy FROM frozen_period ORDER BY period`,
    );
    return rows.map((r) => ({ period: r.period, frozenAt: r.frozen_at, frozenBy: r.frozen_by, policy: r.policy }));
  }

  /** Every live release the public can ask for, and the frozen ones (as published then). */
  private async allReleases(): Promise<Release[]> {
    const years: Array<{ y: string }> = await this.dataSource.query(`SELECT DISTINCT substr(month, 1, 4) AS y FROM case_fact ORDER BY 1`);
    const districts: Array<{ d: string }> = await this.dataSource.query(`SELECT DISTINCT district AS d FROM case_fact ORDER BY 1`);
    const releases: Release[] = [];
    for (const { y } of years) {
      const year = Number(y);
      const facts = await loadFacts(this.dataSource.manager, { years: [year, year - 1], policy: this.settings.policy });
      releases.push({ year, district: null, tables: tablesFor(facts, year) });
      for (const { d } of districts) {
        const forDistrict = { ...facts, cases: facts.cases.filter((c) => c.district.toLowerCase() === d.toLowerCase()) };
        releases.push({ year, district: d, tables: tablesFor(forDistrict, year) });
      }
    }
    for (const p of await this.periods()) {
      const frozen = await this.frozen(p.period);
      releases.push({ year: -Number(p.period), district: 'frozen', tables: frozen!.tables });
    }
    return releases;
  }
}
