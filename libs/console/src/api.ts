import createClient from 'openapi-fetch';
import type { components, paths } from './api/intake.schema.js';
import type { paths as HealthPaths } from './api/health.schema.js';
import type { paths as LegalAidPaths } from './api/legal-aid.schema.js';
import type { paths as RehabilitationPaths } from './api/rehabilitation.schema.js';
import type { paths as ReintegrationPaths } from './api/reintegration.schema.js';
import type { components as ShelterComponents, paths as ShelterPaths } from './api/shelter.schema.js';
import type { Dictionary } from '../../contracts/src/domain/labels.js';
import type { Session } from './session.js';

export type Schemas = components['schemas'];
export type IntakePaths = paths;
export type ShelterSchemas = ShelterComponents['schemas'];

/** A node's typed client (generated from its docs/api document), through the session. */
function nodeClient<P extends object>(session: Session) {
  return createClient<P>({ baseUrl: location.origin, fetch: session.fetch });
}

/** The intake node's typed client (generated from docs/api/intake.openapi.json), through the session. */
export const intakeClient = (session: Session) => nodeClient<paths>(session);
export type IntakeClient = ReturnType<typeof intakeClient>;
export const shelterClient = (session: Session) => nodeClient<ShelterPaths>(session);
export type ShelterClient = ReturnType<typeof shelterClient>;
export const healthClient = (session: Session) => nodeClient<HealthPaths>(session);
export type HealthClient = ReturnType<typeof healthClient>;
export const legalAidClient = (session: Session) => nodeClient<LegalAidPaths>(session);
export type LegalAidClient = ReturnType<typeof legalAidClient>;
export const rehabilitationClient = (session: Session) => nodeClient<RehabilitationPaths>(session);
export const reintegrationClient = (session: Session) => nodeClient<ReintegrationPaths>(session);

/**
 * The referral routes every service node has (libs/service-node): typed from
 * the shelter's document, and checked below to be the same in each node's,
 * so one inbox page serves them all.
 */
type ReferralRoutes = '/referrals' | '/referrals/{id}' | '/referrals/{id}/accept' | '/referrals/{id}/decline';
export type ReferralPaths = Pick<ShelterPaths, ReferralRoutes>;
export const referralClient = (session: Session) => nodeClient<ReferralPaths>(session);
export type ReferralClient = ReturnType<typeof referralClient>;
export type IncomingReferral = ShelterSchemas['IncomingReferral'];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameEverywhere: [
  Same<ReferralPaths, Pick<HealthPaths, ReferralRoutes>>,
  Same<ReferralPaths, Pick<LegalAidPaths, ReferralRoutes>>,
  Same<ReferralPaths, Pick<RehabilitationPaths, ReferralRoutes>>,
  Same<ReferralPaths, Pick<ReintegrationPaths, ReferralRoutes>>,
] = [true, true, true, true];
void sameEverywhere;

/** A 400's errors per field (a dotted path into the body), as the API names them. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> | null {
  if (error && typeof error === 'object' && 'fields' in error && error.fields && typeof error.fields === 'object') {
    return error.fields as Record<string, string[]>;
  }
  return null;
}

/** The API's message of a refused call, for the page to show. */
export function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const m = error.message;
    return Array.isArray(m) ? m.join('; ') : String(m);
  }
  return String(error);
}

/**
 * A 400's errors per field in the page's language: each broken rule's words
 * from the one dictionary (`fieldRule`, by the code the API's `rules` names),
 * most specific first: the path without its indexes (`incident.date.invalid`),
 * the field (`idNumber.matches`), the rule (`maxLength`), and `invalid` for a
 * rule it has no word for. The API's own messages (English) are never shown.
 */
export function fieldErrorsIn(error: unknown, dict: Dictionary): Record<string, string> | null {
  const fields = fieldErrorsOf(error);
  if (!fields) return null;
  const rules =
    error && typeof error === 'object' && 'rules' in error && error.rules && typeof error.rules === 'object'
      ? (error.rules as Record<string, string[]>)
      : {};
  const words: Record<string, string> = dict.fieldRule;
  return Object.fromEntries(
    Object.keys(fields).map((path) => {
      const general = path.replace(/\.[0-9]+(?=\.|$)/g, '');
      const field = general.slice(general.lastIndexOf('.') + 1);
      const codes = rules[path]?.length ? rules[path] : ['invalid'];
      const said = codes.map((rule) => words[`${general}.${rule}`] ?? words[`${field}.${rule}`] ?? words[rule] ?? words.invalid);
      return [path, [...new Set(said)].join(' ')];
    }),
  );
}
