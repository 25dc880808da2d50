import type { AgencyDirectory } from '@rujukan/platform';

/** What is wrong with asking `agencyId` for a visum, or null: it must be a health agency of the network. */
export function visumAgencyProblem(directory: AgencyDirectory, agencyId: string): string | null {
  const agency = directory.find(agencyId);
  if (!agency) return `healthAgencyId ${agencyId} is not in the agency directory`;
  if (agency.node !== 'health') return `agency ${agency.id} runs a ${agency.node} node; a visum is issued by a health agency`;
  return null;
}
