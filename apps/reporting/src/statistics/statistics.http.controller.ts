import { Controller, Get, Inject } from '@nestjs/common';
import { countedVictims, REPORTING_SETTINGS, type ReportingSettings } from '../tables/reporting.settings.js';
import { DataSource } from 'typeorm';
import { Allow } from '@rujukan/auth';

// Exact counts: analysts only (supervisors read the public tables).
const READERS = ['analyst'] as const;

type Row = { key: string; n: number };
const toRecord = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));

/** Counts for the task force. (Small-count suppression for publication comes with the reporting issue.) */
@Controller('statistics')
export class StatisticsHttpController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  @Allow(READERS, { resource: 'statistics', action: 'read' })
  @Get('cases')
  async cases() {
    // Victims counted under the counting policy, as in every table.
    const counted = `${countedVictims(this.settings.policy)} v`;
    const q = (sql: string) => this.dataSource.query<Row[]>(sql);
    const [[cases], [victims], byViolenceType, bySex, byAgeBand, byKind, overdue, [childVictims], [childPerpetrators], byRelation] =
      await Promise.all([
        q(`SELECT 'cases' AS key, count(*)::int AS n FROM case_fact`),
        q(`SELECT 'victims' AS key, count(*)::int AS n FROM ${counted}`),
        q(`SELECT t AS key, count(*)::int AS n FROM case_fact, unnest(violence_types) t GROUP BY t ORDER BY t`),
        q(`SELECT sex AS key, count(*)::int AS n FROM ${counted} GROUP BY sex ORDER BY sex`),
        q(`SELECT age_band AS key, count(*)::int AS n FROM ${counted} GROUP BY age_band ORDER BY age_band`),
        q(`SELECT kind AS key, count(*)::int AS n FROM case_fact GROUP BY kind ORDER BY kind`),
        q(`SELECT risk_level AS key, count(*)::int AS n FROM triage_fact GROUP BY risk_level ORDER BY risk_level`),
        q(`SELECT 'childVictims' AS key, count(*)::int AS n FROM ${counted} WHERE child`),
        q(`SELECT 'childPerpetrators' AS key, count(*)::int AS n FROM perpetrator_fact WHERE child`),
        q(`SELECT relation AS key, count(*)::int AS n FROM perpetrator_fact GROUP BY relation ORDER BY relation`),
      ]);
    return {
      cases: Number(cases.n),
      victims: Number(victims.n),
      casesByViolenceType: toRecord(byViolenceType),
      casesByKind: toRecord(byKind),
      victimsBySex: toRecord(bySex),
      victimsByAgeBand: toRecord(byAgeBand),
      firstResponsesOverdueByRisk: toRecord(overdue),
      // Children as victims and children in conflict with the law (ABH) are counted apart.
      childVictims: Number(childVictims.n),
      childPerpetrators: Number(childPerpetrators.n),
      perpetratorsByRelation: toRecord(byRelation),
    };
  }

  @Allow(READERS, { resource: 'statistics', action: 'read' })
  @Get('referrals')
  async referrals() {
    const rows: Array<{ service: string; status: string; n: number }> = await this.dataSource.query(
      `SELECT service, status, count(*)::int AS n FROM referral_fact GROUP BY service, status ORDER BY service, status`,
    );
    const byService: Record<string, Record<string, number>> = {};
    for (const r of rows) (byService[r.service] ??= {})[r.status] = Number(r.n);
    return { referrals: rows.reduce((s, r) => s + Number(r.n), 0), byServiceAndStatus: byService };
  }
}
