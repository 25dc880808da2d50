export const SERVICE_NODE_SETTINGS = Symbol('SERVICE_NODE_SETTINGS');

export interface ServiceNodeSettings {
  /** This agency's id (AGENCY_ID). */
  agencyId: string;
  /** IANA zone (NODE_TIME_ZONE): Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT); months are counted in it. */
  timeZone: string;
}
