import type { AgencyDirectory } from '@rujukan/platform';

/**
 * What is wrong with sending her up to `toAgencyId`, or null: it must be
 * another health agency of the network (a hospital's PPT/PKT unit). Recording
 * it does not refer her there: a new referral is intake's to make.
 */
export function hospitalReferralProblem(directory: AgencyDirectory, selfId: string, toAgencyId: string): string | null {
  const agency = directory.find(toAgencyId);
  if (!agency) return `toAgencyId ${toAgencyId} is not in the agency directory`;
  if (agency.node !== 'health') return `agency ${agency.id} runs a ${agency.node} node, not a health node`;
  if (agency.id === selfId) return 'a referral up goes to another health agency, not this one';
  return null;
}
