import { Inject, Injectable } from '@nestjs/common';
import { ExactCountsQuery, type KeyCount } from '../queries/exact-counts.query.js';
import { REPORTING_SETTINGS, type ReportingSettings } from '../tables/reporting.settings.js';

const toRecord = (rows: KeyCount[]) => Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));

/** Exact counts for the task force's analysts (the public tables are suppressed; these are not). */
@Injectable()
export class ReadExactCountsService {
  constructor(
    private readonly counts: ExactCountsQuery,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  async cases() {
    // Victims counted under the counting policy, as in every table.
    const c = await this.counts.cases(this.settings.policy);
    return {
      cases: Number(c.cases.n),
      victims: Number(c.victims.n),
      casesByViolenceType: toRecord(c.byViolenceType),
      casesByKind: toRecord(c.byKind),
      victimsBySex: toRecord(c.bySex),
      victimsByAgeBand: toRecord(c.byAgeBand),
      firstResponsesOverdueByRisk: toRecord(c.overdue),
      // Children as victims and children in conflict with the law (ABH) are counted apart.
      childVictims: Number(c.childVictims.n),
      childPerpetrators: Number(c.childPerpetrators.n),
      perpetratorsByRelation: toRecord(c.byRelation),
    };
  }

  async referrals() {
    const rows = await this.counts.referrals();
    const byService: Record<string, Record<string, number>> = {};
    for (const r of rows) (byService[r.service] ??= {})[r.status] = Number(r.n);
    return { referrals: rows.reduce((s, r) => s + Number(r.n), 0), byServiceAndStatus: byService };
  }
}
