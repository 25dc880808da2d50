/** The seven node roles, in start order, with their default HTTP ports. */
export const NODE_ROLES = ['intake', 'shelter', 'health', 'rehabilitation', 'legal-aid', 'reintegration', 'reporting'] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

export const DEFAULT_PORTS: Record<NodeRole, number> = {
  intake: 3001,
  shelter: 3002,
  health: 3003,
  rehabilitation: 3004,
  'legal-aid': 3005,
  reintegration: 3006,
  reporting: 3007,
};

/** Database name of a node: `<prefix>_<node name>` (the role, or a further agency's id). */
export function databaseName(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/-/g, '_')}`;
}
