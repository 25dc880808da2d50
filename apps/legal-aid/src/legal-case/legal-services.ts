import type { ServiceType } from '@rujukan/contracts';

/** The referrals a legal-aid node serves: police (law enforcement) and legal aid offices. */
export const LEGAL_SERVICES: readonly ServiceType[] = ['law-enforcement', 'legal-aid'];
