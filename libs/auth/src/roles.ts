import { STAFF_ROLES, type StaffRole } from '@rujukan/contracts';

/** Staff roles on every node (defined with the contracts: events name the acting role). */
export const ROLES = STAFF_ROLES;
export type Role = StaffRole;

export const ROLE_LABELS_ID: Record<Role, string> = {
  'case-worker': 'Pendamping / manajer kasus',
  supervisor: 'Supervisor',
  'agency-admin': 'Administrator lembaga',
  analyst: 'Analis Gugus Tugas',
};

/** Who is calling: taken from a verified token, never from the request body. */
export interface Principal {
  staffId: string;
  role: Role;
  agency: string;
  /** 'local' for this node's accounts, else the identity provider's issuer. */
  issuer: string;
}
