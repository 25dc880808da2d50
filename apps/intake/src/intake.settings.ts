import type { AgencyDirectory } from '@rujukan/platform';
import type { TriageDeadlines } from './triage/triage-deadlines.js';

export const INTAKE_SETTINGS = Symbol('INTAKE_SETTINGS');

export interface IntakeSettings {
  /** This unit's agency id (AGENCY_ID). */
  agencyId: string;
  /** IANA zone of the node: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT). */
  timeZone: string;
  directory: AgencyDirectory;
  /** Key of the pseudonymous ids sent to reporting (statistics-pseudonym.ts). */
  statisticsKey: string;
  /** Minutes to the first response per risk level. */
  triageDeadlines: TriageDeadlines;
  /** A referral not answered after this many hours shows on the waiting list. */
  referralWaitingHours: number;
  /** How often deadlines are checked. */
  triageCheckMs: number;
  /**
   * Years a closed case's identifying data is kept (CASE_RETENTION_YEARS):
   * a past register's case closed longer ago is imported de-identified.
   */
  retentionYears: number;
  /** The line under the unit's name on a referral letter (REFERRAL_LETTER_ADDRESS): its address and telephone; null: none. */
  letterAddress: string | null;
}
