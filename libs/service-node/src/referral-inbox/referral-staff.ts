/** Staff who handle referrals at a service agency. */
export const REFERRAL_STAFF = ['case-worker', 'supervisor'] as const;
