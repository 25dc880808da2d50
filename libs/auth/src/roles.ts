/** Staff roles on every node (Bahasa Indonesia labels in LABELS). */
export const ROLES = ['case-worker', 'supervisor', 'agency-admin', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

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
