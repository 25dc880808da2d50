import type { AgencyDirectory } from '@rujukan/platform';

export const INTAKE_SETTINGS = Symbol('INTAKE_SETTINGS');

export interface IntakeSettings {
  /** IANA zone of the node: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT). */
  timeZone: string;
  directory: AgencyDirectory;
  /** Key of the pseudonymous ids sent to reporting (statistics-pseudonym.ts). */
  statisticsKey: string;
}
