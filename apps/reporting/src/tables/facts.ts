import type { EntityManager } from 'typeorm';
import { countedVictims, type CountingPolicy } from './reporting.settings.js';

export interface CaseRow {
  caseId: string;
  month: string;
  district: string;
  kind: string;
  channel: string;
  violenceTypes: string[];
  place: string;
}
export interface VictimRow {
  victimId: string;
  caseId: string;
  sex: string;
  ageBand: string;
  child: boolean;
  district: string;
  education: string | null;
}
export interface PerpetratorRow {
  caseId: string;
  position: number;
  sex: string | null;
  ageBand: string | null;
  child: boolean;
  relation: string;
}
export interface ServiceRow {
  recordId: string;
  caseId: string;
  victimId: string;
  service: string;
  activity: string;
  indicator: string | null;
  outcome: string | null;
  month: string;
  agencyId: string;
}
export interface ReferralRow {
  referralId: string;
  caseId: string | null;
  service: string;
  status: string;
  agencyId: string | null;
  requestedAt: Date | null;
  acceptedAt: Date | null;
  declinedAt: Date | null;
  completedAt: Date | null;
  declineReason: string | null;
}

/** Everything the tables are made of, for a set of years, under the counting policy. */
export interface Facts {
  cases: CaseRow[];
  victims: VictimRow[];
  perpetrators: PerpetratorRow[];
  services: ServiceRow[];
  referrals: ReferralRow[];
  /** Cases whose first response came late. */
  overdueCases: Set<string>;
}

/**
 * Loads the facts of cases registered in `years` (and their district when
 * given). The policy is applied here, once, so every table counts the same
 * victims: under `consent` a victim without consent is left out, and so is a
 * case left with no counted victim (a case registered with no victim at all
 * stays, it names nobody).
 */
export async function loadFacts(m: EntityManager, opts: { years: number[]; district?: string; policy: CountingPolicy }): Promise<Facts> {
  const months = opts.years.map((y) => `${y}-%`);
  const district = opts.district ?? null;
  const consentOnly = opts.policy === 'consent';
  const cases: Array<Record<string, unknown>> = await m.query(
    `SELECT c.case_id, c.month, c.district, c.kind, c.channel, c.violence_types, c.place FROM case_fact c
     WHERE c.month LIKE ANY($1) AND ($2::text IS NULL OR lower(c.district) = lower($2))
       AND (NOT $3 OR NOT EXISTS (SELECT 1 FROM victim_fact v WHERE v.case_id = c.case_id)
            OR EXISTS (SELECT 1 FROM victim_fact v WHERE v.case_id = c.case_id AND v.consented))
     ORDER BY c.case_id`,
    [months, district, consentOnly],
  );
  const caseIds = cases.map((c) => c.case_id as string);
  const victims: Array<Record<string, unknown>> = await m.query(
    `SELECT victim_id, case_id, sex, age_band, child, district, education FROM ${countedVictims(opts.policy)} v WHERE case_id = ANY($1) ORDER BY victim_id`,
    [caseIds],
  );
  const victimIds = victims.map((v) => v.victim_id as string);
  const perpetrators: Array<Record<string, unknown>> = await m.query(
    `SELECT case_id, position, sex, age_band, child, relation FROM perpetrator_fact WHERE case_id = ANY($1) ORDER BY case_id, position`,
    [caseIds],
  );
  const services: Array<Record<string, unknown>> = await m.query(
    `SELECT record_id, case_id, victim_id, service, activity, indicator, outcome, month, agency_id FROM service_fact WHERE victim_id = ANY($1) ORDER BY record_id`,
    [victimIds],
  );
  const referrals: Array<Record<string, unknown>> = await m.query(
    `SELECT referral_id, case_id, service, status, agency_id, requested_at, accepted_at, declined_at, completed_at, decline_reason
     FROM referral_fact WHERE case_id = ANY($1) ORDER BY referral_id`,
    [caseIds],
  );
  const overdue: Array<{ case_id: string }> = await m.query(`SELECT case_id FROM triage_fact WHERE case_id = ANY($1)`, [caseIds]);
  return {
    cases: cases.map((c) => ({
      caseId: c.case_id as string,
      month: c.month as string,
      district: c.district as string,
      kind: c.kind as string,
      channel: c.channel as string,
      violenceTypes: c.violence_types as string[],
      place: c.place as string,
    })),
    victims: victims.map((v) => ({
      victimId: v.victim_id as string,
      caseId: v.case_id as string,
      sex: v.sex as string,
      ageBand: v.age_band as string,
      child: v.child as boolean,
      district: v.district as string,
      education: (v.education as string | null) ?? null,
    })),
    perpetrators: perpetrators.map((p) => ({
      caseId: p.case_id as string,
      position: p.position as number,
      sex: p.sex as string | null,
      ageBand: p.age_band as string | null,
      child: p.child as boolean,
      relation: p.relation as string,
    })),
    services: services.map((s) => ({
      recordId: s.record_id as string,
      caseId: s.case_id as string,
      victimId: s.victim_id as string,
      service: s.service as string,
      activity: s.activity as string,
      indicator: s.indicator as string | null,
      outcome: s.outcome as string | null,
      month: s.month as string,
      agencyId: s.agency_id as string,
    })),
    referrals: referrals.map((r) => ({
      referralId: r.referral_id as string,
      caseId: r.case_id as string | null,
      service: r.service as string,
      status: r.status as string,
      agencyId: r.agency_id as string | null,
      requestedAt: r.requested_at as Date | null,
      acceptedAt: r.accepted_at as Date | null,
      declinedAt: r.declined_at as Date | null,
      completedAt: r.completed_at as Date | null,
      declineReason: r.decline_reason as string | null,
    })),
    overdueCases: new Set(overdue.map((o) => o.case_id)),
  };
}
