import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countedVictims, type CountingPolicy } from '../tables/reporting.settings.js';

/** A count by key. */
export type KeyCount = { key: string; n: number };

/** Exact counts over the whole projection, for analysts. */
@Injectable()
export class ExactCountsQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** Cases, victims (those the policy counts, as in every table) and perpetrators, by the national breakdowns. */
  async cases(policy: CountingPolicy) {
    const counted = `${countedVictims(policy)} v`;
    const q = (sql: string) => this.dataSource.query<KeyCount[]>(sql);
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
    return { cases, victims, byViolenceType, bySex, byAgeBand, byKind, overdue, childVictims, childPerpetrators, byRelation };
  }

  /** Referrals by service and furthest state. */
  referrals(): Promise<Array<{ service: string; status: string; n: number }>> {
    return this.dataSource.query(
      `SELECT service, status, count(*)::int AS n FROM referral_fact GROUP BY service, status ORDER BY service, status`,
    );
  }
}
