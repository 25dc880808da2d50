import { ConfigError } from '@rujukan/messaging';

export const SERVICE_NODE_SETTINGS = Symbol('SERVICE_NODE_SETTINGS');

export interface ServiceNodeSettings {
  /** This agency's id (AGENCY_ID). */
  agencyId: string;
  /** IANA zone: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT); months are counted in it. */
  timeZone: string;
}

export function serviceNodeSettingsFromEnv(agencyId: string, env: Record<string, string | undefined>): ServiceNodeSettings {
  const timeZone = env.NODE_TIME_ZONE?.trim() || 'Asia/Jakarta';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ConfigError([`NODE_TIME_ZONE="${timeZone}" is not a time zone (Asia/Jakarta, Asia/Makassar or Asia/Jayapura)`]);
  }
  return { agencyId, timeZone };
}

/** YYYY-MM of `date` in `timeZone`. */
export function monthInZone(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(date);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}
