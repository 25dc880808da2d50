/**
 * What an agency's node announces about itself on the bus's directory
 * bucket, and what intake shows a case worker choosing an agency. Public
 * facts about an agency only: nothing about any person.
 */
export interface AgencyCard {
  id: string;
  name: string;
  /** Node role: intake, shelter, health, ... */
  node: string;
  district?: string;
  /** SPM services the node gives (from its role). */
  services: string[];
  /**
   * Places, for a shelter: all beds and free ones now, and per room group
   * (`female-child`, `female-adult`, `male-child`, `male-adult`): a shelter
   * with free beds for women can be full for girls.
   */
  capacity?: { places: number; free: number; groups?: Record<string, { places: number; free: number }> };
  contactHours?: string;
  /** When the node said this; a card not renewed within the stale window shows as unreachable. */
  announcedAt: string;
  /** Set when the node stopped cleanly: unreachable at once, not only after the stale window. */
  stoppedAt?: string;
}

/** The directory's key-value bucket: one per network, beside its stream. */
export function directoryBucket(stream: string): string {
  return `${stream}_DIRECTORY`;
}
