export interface CaseRow {
  caseId: string;
  /** The month the case counts in, by the date the tables count by. */
  month: string;
  /** The month it was reported and, where known, the month of the incident. */
  reportedMonth?: string;
  incidentMonth?: string | null;
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
  occupation?: string | null;
  /** Kinds of disability; [] none; null not asked. */
  disabilities?: string[] | null;
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
/** One recorded UPTD PPA function (outreach, mediation, accompaniment), counted in its own month. */
export interface FunctionRow {
  recordId: string;
  function: string;
  outcome: string | null;
  destination: string | null;
  /** The victim's pseudonym (mediation, accompaniment). */
  victimId: string | null;
  month: string;
  district: string;
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

/** Everything the tables are made of, for a set of years, under the counting policy (queries/facts.query.ts loads it). */
export interface Facts {
  cases: CaseRow[];
  victims: VictimRow[];
  perpetrators: PerpetratorRow[];
  services: ServiceRow[];
  /** UPTD PPA functions of the years asked for; under `consent`, only those of counted victims (or of none). */
  functions: FunctionRow[];
  referrals: ReferralRow[];
  /** Cases whose first response came late. */
  overdueCases: Set<string>;
  /** Cases whose first response was recorded by their triage deadline (SPM complaint handling). */
  answeredInTimeCases: Set<string>;
}

/** No facts yet: the start of a fixture, or of a region with nothing recorded. */
export function noFacts(): Facts {
  return {
    cases: [],
    victims: [],
    perpetrators: [],
    services: [],
    functions: [],
    referrals: [],
    overdueCases: new Set(),
    answeredInTimeCases: new Set(),
  };
}
