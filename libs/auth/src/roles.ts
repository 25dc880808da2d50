import { LABELS_ID, STAFF_ROLES, type StaffRole } from '@rujukan/contracts';

/** Staff roles on every node (defined with the contracts: events name the acting role). */
export const ROLES = STAFF_ROLES;
export type Role = StaffRole;

/** The roles' names in Bahasa Indonesia, from the one dictionary. */
export const ROLE_LABELS_ID: Record<Role, string> = LABELS_ID.role;

/**
 * Roles an agency administrator ("no case data") may give over the API: case
 * workers, analysts and other administrators. A supervisor sees every case of
 * the agency, so an administrator who could make one (and knows its first
 * password) could read them all: supervisors are made, and their passwords
 * reset, only with the node's command (`staff create <username> supervisor`),
 * by whoever runs the node's server.
 */
export const ADMIN_MAY_GRANT: readonly Role[] = ['case-worker', 'analyst', 'agency-admin'];

/** Creating or promoting to these is recorded and raises an alert for the agency's other administrators. */
export const ALERTED_ROLES: readonly Role[] = ['supervisor', 'agency-admin'];

/** Roles that see case data: they need a second factor when the agency turns it on. */
export const CASE_DATA_ROLES: readonly Role[] = ['case-worker', 'supervisor'];

/** A token that only lets its holder finish signing in (set a new password, or turn on a second factor). */
export type SignInStep = 'change-password' | 'enrol-second-factor';

/** Who is calling: taken from a verified token, never from the request body. */
export interface Principal {
  staffId: string;
  role: Role;
  agency: string;
  /** 'local' for this node's accounts, else the identity provider's issuer. */
  issuer: string;
  /** Local tokens: the account's token version when issued (a disable, role or password change raises it). */
  tokenVersion?: number;
  /** Set on a token that may only finish signing in. */
  step?: SignInStep;
  /** Local tokens from a console session: the session (signing out ends it). */
  sessionId?: string;
}
