import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseRow, Facts, FunctionRow, PerpetratorRow, ReferralRow, ServiceRow, VictimRow } from '../tables/facts.js';
import { countedCases, countedMonth, countedVictims, type CountingDate, type CountingPolicy } from '../tables/reporting.settings.js';

/** The facts the tables are made of, read from every projection. */
@Injectable()
export class FactsQuery {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The facts of cases of `years` (and their district when given), dated by
   * `by` (default the month reported). The policy is applied here, once, so every table counts the same
   * victims: under `consent` a victim without consent is left out, and so is a
   * case left with no counted victim (a case registered with no victim at all
   * stays, it names nobody).
   */
  async load(opts: { years: number[]; district?: string; policy: CountingPolicy; by?: CountingDate }): Promise<Facts> {
    const q = <T>(sql: string, params: unknown[]) => this.dataSource.query<T[]>(sql, params);
    const months = opts.years.map((y) => `${y}-%`);
    const district = opts.district ?? null;
    // `month` is the month the case counts in, by the date asked for (countedMonth).
    const month = countedMonth(opts.by ?? 'reported');
    const cases = await q<CaseRow>(
      `SELECT c.case_id AS "caseId", ${month} AS month, c.month AS "reportedMonth", c.incident_month AS "incidentMonth", c.district, c.kind,
         c.channel, c.violence_types AS "violenceTypes", c.place FROM ${countedCases(opts.policy)} c
       WHERE ${month} LIKE ANY($1) AND ($2::text IS NULL OR lower(c.district) = lower($2))
       ORDER BY c.case_id`,
      [months, district],
    );
    const caseIds = cases.map((c) => c.caseId);
    const victims = await q<VictimRow>(
      `SELECT victim_id AS "victimId", case_id AS "caseId", sex, age_band AS "ageBand", child, district, education, occupation, disabilities
       FROM ${countedVictims(opts.policy)} v WHERE case_id = ANY($1) ORDER BY victim_id`,
      [caseIds],
    );
    const victimIds = victims.map((v) => v.victimId);
    const perpetrators = await q<PerpetratorRow>(
      `SELECT case_id AS "caseId", position, sex, age_band AS "ageBand", child, relation
       FROM perpetrator_fact WHERE case_id = ANY($1) ORDER BY case_id, position`,
      [caseIds],
    );
    const services = await q<ServiceRow>(
      `SELECT record_id AS "recordId", case_id AS "caseId", victim_id AS "victimId", service, activity, indicator, outcome, month,
         agency_id AS "agencyId"
       FROM service_fact WHERE victim_id = ANY($1) ORDER BY record_id`,
      [victimIds],
    );
    // Functions count in their own month and district; one about a victim counts only if she is counted (the policy).
    const functions = await q<FunctionRow>(
      `SELECT record_id AS "recordId", function, outcome, destination, victim_id AS "victimId", month, district FROM function_fact f
       WHERE month LIKE ANY($1) AND ($2::text IS NULL OR lower(district) = lower($2))
         AND (victim_id IS NULL OR victim_id IN (SELECT victim_id FROM ${countedVictims(opts.policy)} cv))
       ORDER BY record_id`,
      [months, district],
    );
    const referrals = await q<ReferralRow>(
      `SELECT referral_id AS "referralId", case_id AS "caseId", service, status, agency_id AS "agencyId", requested_at AS "requestedAt",
         accepted_at AS "acceptedAt", declined_at AS "declinedAt", completed_at AS "completedAt", decline_reason AS "declineReason"
       FROM referral_fact WHERE case_id = ANY($1) ORDER BY referral_id`,
      [caseIds],
    );
    const overdue = await q<{ caseId: string }>(`SELECT case_id AS "caseId" FROM triage_fact WHERE case_id = ANY($1)`, [caseIds]);
    const inTime = await q<{ caseId: string }>(
      `SELECT case_id AS "caseId" FROM first_response_fact WHERE within_deadline AND case_id = ANY($1)`,
      [caseIds],
    );
    return {
      cases,
      victims,
      perpetrators,
      services,
      functions,
      referrals,
      overdueCases: new Set(overdue.map((o) => o.caseId)),
      answeredInTimeCases: new Set(inTime.map((o) => o.caseId)),
    };
  }

  /** The years and districts that have cases: every live release the public can ask for. */
  /** The facts' version: it moves with every committed transaction that changed them. */
  async version(): Promise<string> {
    const [row] = await this.dataSource.query<Array<{ version: string }>>(`SELECT version::text AS version FROM reporting_facts_version`);
    return row.version;
  }

  async yearsAndDistricts(): Promise<{ years: number[]; districts: string[] }> {
    const years = await this.dataSource.query<Array<{ y: string }>>(`SELECT DISTINCT substr(month, 1, 4) AS y FROM case_fact ORDER BY 1`);
    const districts = await this.dataSource.query<Array<{ d: string }>>(`SELECT DISTINCT district AS d FROM case_fact ORDER BY 1`);
    return { years: years.map((r) => Number(r.y)), districts: districts.map((r) => r.d) };
  }
}
