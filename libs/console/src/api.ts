import createClient from 'openapi-fetch';
import type { components, paths } from './api/intake.schema.js';
import type { Session } from './session.js';

export type Schemas = components['schemas'];
export type IntakePaths = paths;

/** The intake node's typed client (generated from docs/api/intake.openapi.json), through the session. */
export function intakeClient(session: Session) {
  return createClient<paths>({ baseUrl: location.origin, fetch: session.fetch });
}
export type IntakeClient = ReturnType<typeof intakeClient>;

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
