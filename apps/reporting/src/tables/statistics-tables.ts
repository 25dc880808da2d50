import { createHash } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { FactsQuery } from '../queries/facts.query.js';
import { FrozenPeriodsQuery } from '../queries/frozen-periods.query.js';
import { publicReleases, releaseKey, showExact, tablesFor, type Release, type ShownTable } from './release.js';
import { REPORTING_SETTINGS, type CountingDate, type ReportingSettings } from './reporting.settings.js';
import type { StatTable } from './stat-table.js';

/**
 * The tables of the reporting node, which every table use case shares:
 * exact (internal) and public (suppressed together with every other release).
 */
@Injectable()
export class StatisticsTables {
  constructor(
    private readonly facts: FactsQuery,
    private readonly frozenPeriods: FrozenPeriodsQuery,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  /** Exact tables of a year (and district), under the counting policy, with cases dated by `by` (default the date reported). */
  async exact(year: number, district?: string, by: CountingDate = 'reported'): Promise<StatTable[]> {
    const facts = await this.facts.load({ years: [year, year - 1], district, policy: this.settings.policy, by });
    return tablesFor(facts, year);
  }

  async internal(year: number, district?: string, by: CountingDate = 'reported'): Promise<ShownTable[]> {
    return showExact(await this.exact(year, district, by));
  }

  /**
   * The public view of a year and district. Suppression runs over every
   * release the public can ask for (each year with data, the region and each
   * district) and every frozen release, together. Public releases count by
   * the date reported only: the same cases dated two ways side by side could
   * be differenced to recover a small count.
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
      releases.push({ year, district: stored ?? district ?? null, tables: await this.exact(year, district) });
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

  /** Every live release the public can ask for, and the frozen ones (as published then). */
  private async allReleases(): Promise<Release[]> {
    const { years, districts } = await this.facts.yearsAndDistricts();
    const releases: Release[] = [];
    for (const year of years) {
      const facts = await this.facts.load({ years: [year, year - 1], policy: this.settings.policy });
      releases.push({ year, district: null, tables: tablesFor(facts, year) });
      for (const d of districts) {
        const forDistrict = { ...facts, cases: facts.cases.filter((c) => c.district.toLowerCase() === d.toLowerCase()) };
        releases.push({ year, district: d, tables: tablesFor(forDistrict, year) });
      }
    }
    for (const p of await this.frozenPeriods.list()) {
      const frozen = await this.frozenPeriods.find(p.period);
      releases.push({ year: -Number(p.period), district: 'frozen', tables: frozen!.tables });
    }
    return releases;
  }
}
