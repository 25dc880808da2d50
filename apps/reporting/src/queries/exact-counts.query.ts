import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countedCases, countedVictims, type CountingPolicy } from '../tables/reporting.settings.js';

/** A count by key. */
export type KeyCount = { key: string; n: number };

/** Exact counts over the whole projection, for analysts. */
@Injectable()
export class ExactCountsQuery {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Cases, victims and perpetrators by the national breakdowns, counted by
   * the one rule the tables count by (countedCases, countedVictims): only
   * counted victims of counted cases, and the perpetrators and overdue first
   * responses of counted cases.
   */
  async cases(policy: CountingPolicy) {
    const cases = `${countedCases(policy)} c`;
    const counted = `${countedVictims(policy)} v WHERE v.case_id IN (SELECT case_id FROM ${countedCases(policy)} c)`;
    const ofCounted = `case_id IN (SELECT case_id FROM ${countedCases(policy)} c)`;
    const q = (sql: string) => this.dataSource.query<KeyCount[]>(sql);
    const [[cases_], [victims], byViolenceType, bySex, byAgeBand, byKind, overdue, [childVictims], [childPerpetrators], byRelation] =
      await Promise.all([
        q(`SELECT 'cases' AS key, count(*)::int AS n FROM ${cases}`),
        q(`SELECT 'victims' AS key, count(*)::int AS n FROM ${counted}`),
        q(`SELECT t AS key, count(*)::int AS n FROM ${cases}, unnest(c.violence_types) t GROUP BY t ORDER BY t`),
        q(`SELECT sex AS key, count(*)::int AS n FROM ${counted} GROUP BY sex ORDER BY sex`),
        q(`SELECT age_band AS key, count(*)::int AS n FROM ${counted} GROUP BY age_band ORDER BY age_band`),
        q(`SELECT kind AS key, count(*)::int AS n FROM ${cases} GROUP BY kind ORDER BY kind`),
        q(`SELECT risk_level AS key, count(*)::int AS n FROM triage_fact WHERE ${ofCounted} GROUP BY risk_level ORDER BY risk_level`),
        q(`SELECT 'childVictims' AS key, count(*)::int AS n FROM ${counted} AND v.child`),
        q(`SELECT 'childPerpetrators' AS key, count(*)::int AS n FROM perpetrator_fact WHERE child AND ${ofCounted}`),
        q(`SELECT relation AS key, count(*)::int AS n FROM perpetrator_fact WHERE ${ofCounted} GROUP BY relation ORDER BY relation`),
      ]);
    return {
      cases: cases_,
      victims,
      byViolenceType,
      bySex,
      byAgeBand,
      byKind,
      overdue,
      childVictims,
      childPerpetrators,
      byRelation,
    };
  }

  /** Referrals by service and furthest state. */
  referrals(): Promise<Array<{ service: string; status: string; n: number }>> {
    return this.dataSource.query(
      `SELECT service, status, count(*)::int AS n FROM referral_fact GROUP BY service, status ORDER BY service, status`,
    );
  }
}
