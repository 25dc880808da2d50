import { Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { fieldErrorsException } from '@rujukan/platform';
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
   * The public view of a year and district, from the published result: only
   * a year and a district that have data are answered (anything else is
   * refused without running anything). Suppression ran over every release the
   * public can ask for (each year with data, the region and each district) and
   * every frozen release, together. Public releases count by the date
   * reported only: the same cases dated two ways side by side could be
   * differenced to recover a small count.
   */
  async public(year: number, district?: string, frozen = false): Promise<ShownTable[]> {
    const published = await this.published();
    if (frozen) {
      const tables = published.shown.get(releaseKey(-year, 'frozen'));
      if (!tables) throw new NotFoundException(`${year} has not been frozen`);
      return tables;
    }
    if (!published.years.includes(year)) {
      throw fieldErrorsException({
        year: [
          `there are no statistics for this year${published.years.length ? ` (years with data: ${published.years.join(', ')})` : ' yet'}`,
        ],
      });
    }
    // The district as stored, whatever its case in the request.
    const stored = district ? published.districts.find((d) => d.toLowerCase() === district.toLowerCase()) : null;
    if (district && !stored) throw fieldErrorsException({ district: ['there are no statistics for this district'] });
    return published.shown.get(releaseKey(year, stored ?? null))!;
  }

  /** How many times the joint suppression ran (it runs once per change of the facts). */
  suppressionRuns = 0;
  private latest?: Published;
  private running?: Promise<Published>;
  private readonly log = new Logger('PublicStatistics');

  /**
   * The published result for the facts as they are: the one computed last if
   * the facts have not changed since (one cheap query), else the run that is
   * computing it (the background refresher usually started it already).
   */
  async published(): Promise<Published> {
    const version = BigInt(await this.facts.version());
    if (this.latest && this.latest.version >= version) return this.latest;
    for (;;) {
      this.running ??= this.compute().finally(() => (this.running = undefined));
      const result = await this.running;
      if (result.version >= version) return result;
    }
  }

  /** The joint suppression is the costly part (seconds for a city's years): once per version of the facts. */
  private async compute(): Promise<Published> {
    // Read first: a change committed while this runs moves it again, and is computed next.
    const version = BigInt(await this.facts.version());
    if (this.latest && this.latest.version >= version) return this.latest;
    const { years, districts } = await this.facts.yearsAndDistricts();
    const releases = await this.allReleases(years, districts);
    const { shown } = publicReleases(releases, this.settings.k);
    this.suppressionRuns++;
    this.log.log(`public statistics computed: run ${this.suppressionRuns}, facts version ${version}, ${releases.length} releases`);
    this.latest = { version, shown, years, districts };
    return this.latest;
  }

  /** Every live release the public can ask for, and the frozen ones (as published then). */
  private async allReleases(years: number[], districts: string[]): Promise<Release[]> {
    const releases: Release[] = [];
    for (const year of years) {
      const facts = await this.facts.load({ years: [year, year - 1], policy: this.settings.policy, by: 'reported' });
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

/** What the public is served: the suppressed tables of every release, and the years and districts they cover. */
interface Published {
  version: bigint;
  shown: Map<string, ShownTable[]>;
  years: number[];
  districts: string[];
}

/** How often the refresher looks whether the facts changed (one cheap query). */
const REFRESH_MS = 2000;

/**
 * Computes the public statistics in the background, once after start and
 * once after each change of the facts, so requests are served from the
 * result instead of starting a suppression.
 */
@Injectable()
export class PublicStatisticsRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('PublicStatistics');
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;

  constructor(private readonly statistics: StatisticsTables) {}

  onApplicationBootstrap(): void {
    const refresh = () => {
      this.refreshing ??= this.statistics
        .published()
        .then(() => undefined)
        .catch((err: unknown) => this.log.warn(`public statistics not refreshed: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => (this.refreshing = undefined));
    };
    refresh();
    this.timer = setInterval(refresh, REFRESH_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.refreshing;
  }
}
