import type { AgencyDirectory } from '@rujukan/platform';

export const AGENCY_DIRECTORY = Symbol('AGENCY_DIRECTORY');
export type { AgencyDirectory };
