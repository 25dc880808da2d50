/**
 * The national vocabularies (SIMFONI-PPA, SPM). Codes are English and stable;
 * the words users see come from `labels.ts`, in Bahasa Indonesia.
 */
export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

export const VIOLENCE_TYPES = ['physical', 'psychological', 'sexual', 'exploitation', 'trafficking', 'neglect', 'other'] as const;
export type ViolenceType = (typeof VIOLENCE_TYPES)[number];

export const INCIDENT_PLACES = ['household', 'workplace', 'school', 'public-facility', 'other'] as const;
export type IncidentPlace = (typeof INCIDENT_PLACES)[number];

export const PERPETRATOR_RELATIONS = [
  'parent',
  'family',
  'spouse',
  'partner-friend',
  'teacher',
  'employer',
  'co-worker',
  'neighbour',
  'other',
] as const;
export type PerpetratorRelation = (typeof PERPETRATOR_RELATIONS)[number];

export const COMPLAINT_CHANNELS = ['walk-in', 'hotline', 'police', 'bp3mi-arrival', 'outreach', 'online'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** Who brought the complaint, when it is not the victim. */
export const REPORTER_RELATIONS = ['self', 'family', 'neighbour', 'teacher', 'health-worker', 'police', 'community', 'other'] as const;
export type ReporterRelation = (typeof REPORTER_RELATIONS)[number];

export const CASE_KINDS = [
  'violence-against-women',
  'violence-against-children',
  'trafficking',
  'child-in-conflict-with-law',
  'child-marriage',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** SPM service types a referral can be for, and the node role that provides each. */
export const SERVICE_PROVIDERS = {
  shelter: 'shelter',
  health: 'health',
  'social-rehabilitation': 'rehabilitation',
  'spiritual-guidance': 'rehabilitation',
  'law-enforcement': 'legal-aid',
  'legal-aid': 'legal-aid',
  repatriation: 'reintegration',
  'social-reintegration': 'reintegration',
} as const;
export type ServiceType = keyof typeof SERVICE_PROVIDERS;
export const SERVICE_TYPES = Object.keys(SERVICE_PROVIDERS) as ServiceType[];

/** The roles an agency can have in the agency registry: the node it runs. */
export const AGENCY_ROLES = ['intake', 'shelter', 'health', 'rehabilitation', 'legal-aid', 'reintegration', 'reporting'] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];

/** The roles that give SPM services (receive referrals and answer them). */
export const SERVICE_ROLES = [...new Set(Object.values(SERVICE_PROVIDERS))] as AgencyRole[];

/** Education as the national tables break it down (SD, SMP, SMA, higher; none; not known). */
export const EDUCATION_LEVELS = ['none', 'primary', 'junior-secondary', 'senior-secondary', 'higher', 'unknown'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** Occupation as SIMFONI-PPA breaks victims down (not working, school or university, household, ...; not known). */
export const OCCUPATIONS = [
  'not-working',
  'student',
  'household',
  'farmer-fisher',
  'labourer',
  'private-employee',
  'civil-servant',
  'self-employed',
  'migrant-worker',
  'other',
  'unknown',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

/**
 * Kinds of disability (UU 8/2016 on persons with disabilities: physical,
 * intellectual, mental, sensory), a vulnerability the trafficking case data
 * standard records. A victim may have several; none recorded is `[]`, not asked is absent.
 */
export const DISABILITIES = ['physical', 'intellectual', 'mental', 'sensory'] as const;
export type Disability = (typeof DISABILITIES)[number];

/**
 * The UPTD PPA's own functions besides complaints and case management (Permen
 * PPPA 4/2018 and 2/2022), recorded at intake and counted by reporting.
 */
export const UPTD_FUNCTIONS = ['outreach', 'mediation', 'accompaniment'] as const;
export type UptdFunction = (typeof UPTD_FUNCTIONS)[number];

/** What an outreach visit (penjangkauan) came to. */
export const OUTREACH_OUTCOMES = ['complaint-received', 'victim-reached', 'information-given', 'not-found'] as const;
export type OutreachOutcome = (typeof OUTREACH_OUTCOMES)[number];

/** The parties a mediation brought together. */
export const MEDIATION_PARTIES = ['victim', 'perpetrator', 'family', 'community-leader', 'employer', 'school'] as const;
export type MediationParty = (typeof MEDIATION_PARTIES)[number];

/** What a mediation session came to. */
export const MEDIATION_OUTCOMES = ['agreement', 'no-agreement', 'continued'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];

/** Where a victim was accompanied (pendampingan). */
export const ACCOMPANIMENT_DESTINATIONS = ['police', 'prosecutor', 'court', 'hospital', 'other'] as const;
export type AccompanimentDestination = (typeof ACCOMPANIMENT_DESTINATIONS)[number];

/** Age groups of the national tables. */
export const AGE_BANDS = ['0-5', '6-12', '13-17', '18-24', '25-44', '45-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The national age group of an age in whole years. */
export function ageBand(years: number): AgeBand {
  if (years <= 5) return '0-5';
  if (years <= 12) return '6-12';
  if (years <= 17) return '13-17';
  if (years <= 24) return '18-24';
  if (years <= 44) return '25-44';
  if (years <= 59) return '45-59';
  return '60+';
}

/** Whole years between a birth date (YYYY-MM-DD) and `on`. */
export function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age--;
  return age;
}

/** Staff roles on every node. */
export const STAFF_ROLES = ['case-worker', 'supervisor', 'agency-admin', 'analyst'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Stages of a trafficking case (Human Trafficking Case Data Standard). */
export const TRAFFICKING_STAGES = ['recruitment', 'transit', 'exploitation'] as const;
export type TraffickingStage = (typeof TRAFFICKING_STAGES)[number];

/** Exploitation types; forced criminality covers scam compounds. */
export const EXPLOITATION_TYPES = [
  'forced-labour',
  'sexual-exploitation',
  'forced-criminality',
  'domestic-servitude',
  'forced-marriage',
  'organ-removal',
  'other',
] as const;
export type ExploitationType = (typeof EXPLOITATION_TYPES)[number];

/** Purposes a victim consents to separately: services, disclosure to other organisations, statistics. */
export const CONSENT_PURPOSES = ['services', 'disclosure', 'statistics'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** How a consent was given; a guardian gives it for a child. */
export const CONSENT_FORMS = ['signed', 'verbal', 'guardian'] as const;
export type ConsentForm = (typeof CONSENT_FORMS)[number];

/**
 * SPM indicators (coverage: per cent of victims who received the service).
 * Law enforcement counts cases decided over cases brought to trial.
 */
export const SPM_INDICATORS = [
  'complaint-handling',
  'health',
  'social-rehabilitation',
  'spiritual-guidance',
  'law-enforcement',
  'legal-aid',
  'repatriation',
  'social-reintegration',
] as const;
export type SpmIndicator = (typeof SPM_INDICATORS)[number];

/**
 * What a service node records and tells reporting, de-identified, and the SPM
 * indicator each counts for (null: recorded, counted for no indicator, e.g.
 * a shelter stay, or a stage on the way to a verdict). One table, so every
 * node and reporting read the same rule.
 */
export const SERVICE_ACTIVITIES = {
  // shelter (temporary shelter is a UPTD PPA function, not an SPM indicator)
  'shelter-admission': null,
  'shelter-discharge': null,
  // health
  'health-visit': 'health',
  'medical-examination': 'health',
  'medical-treatment': 'health',
  'hospital-referral': 'health',
  'psychological-first-aid': 'health',
  'visum-issued': 'health',
  // rehabilitation
  'psychosocial-assessment': 'social-rehabilitation',
  'counselling-session': 'social-rehabilitation',
  'spiritual-guidance-session': 'spiritual-guidance',
  'rehabilitation-completed': 'social-rehabilitation',
  // legal-aid: the stages; a verdict counts for law enforcement (decided / brought to trial)
  'police-report': null,
  investigation: null,
  prosecution: null,
  trial: null,
  verdict: 'law-enforcement',
  'counsel-assigned': 'legal-aid',
  accompaniment: 'legal-aid',
  'restitution-claim': 'legal-aid',
  diversion: 'legal-aid',
  // reintegration
  'repatriation-started': null,
  'repatriation-handed-over': 'repatriation',
  'reintegration-plan': 'social-reintegration',
  'follow-up-visit': 'social-reintegration',
  'reintegration-completed': 'social-reintegration',
} as const satisfies Record<string, SpmIndicator | null>;
export type ServiceActivity = keyof typeof SERVICE_ACTIVITIES;
export const SERVICE_ACTIVITY_NAMES = Object.keys(SERVICE_ACTIVITIES) as ServiceActivity[];

/** Outcomes a recorded activity may carry (a verdict's, a discharge's destination). */
export const ACTIVITY_OUTCOMES = [
  'convicted',
  'acquitted',
  'dismissed',
  'home',
  'family',
  'another-shelter',
  'repatriation',
  'other',
] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];

/**
 * The `agencyId` of a referral to an agency that runs no node (a school, a
 * religious leader, a clinic outside the network): it goes as a letter the
 * case worker prints, and its answer is recorded by hand; nothing is ever
 * sent on the bus to it. Reporting counts it under this id.
 */
export const EXTERNAL_AGENCY = 'external';

/**
 * Why a referral was declined, as a code the agency chooses beside its note
 * (`referral.declined`'s `code`): reporting counts declines by it. The note,
 * the agency's own words, stays with the referral at intake.
 */
export const DECLINE_REASON_CODES = [
  'no-capacity',
  'outside-service-area',
  'not-eligible',
  'victim-refused',
  'duplicate',
  'other',
] as const;
export type DeclineReasonCode = (typeof DECLINE_REASON_CODES)[number];

/**
 * The two categories `referral.status-changed`'s `declineReason` had before
 * the codes, kept there so older reporting nodes still read it; the code
 * itself travels in `declineCode`.
 */
export const LEGACY_DECLINE_REASONS = ['no-capacity', 'other'] as const;
export type LegacyDeclineReason = (typeof LEGACY_DECLINE_REASONS)[number];

/** The legacy category of a code. */
export function legacyDeclineReason(code: DeclineReasonCode): LegacyDeclineReason {
  return code === 'no-capacity' ? 'no-capacity' : 'other';
}

/**
 * The code of a decline that came without one (a `referral.declined` from an
 * agency older than the codes): the note read as before the codes, in any
 * case and spacing.
 */
export function declineReasonCode(reason: string | null | undefined): DeclineReasonCode {
  return reason?.trim().toLowerCase().replace(/\s+/g, ' ') === 'no capacity' ? 'no-capacity' : 'other';
}

/**
 * What a case's timeline (intake's `GET /cases/{id}/timeline`, `what`) says
 * was recorded at the unit itself; its other entries are the types of the
 * events sent or received about the case (`referral.accepted`). The one
 * dictionary has a word for each of both (`timelineEntry`).
 */
export const TIMELINE_RECORDS = [
  'case.registered',
  'case.report-attached',
  'case.first-response',
  'alert.high-risk-registered',
  'alert.first-response-overdue',
  'consent.given',
  'consent.withdrawn',
  'assessment.recorded',
  'mediation.recorded',
  'accompaniment.recorded',
  'outreach.case-registered',
  'plan.services-added',
  'case.closed',
  'case.closed-referred',
  'case.reopened',
  'note.written',
  'follow-up.set',
  'follow-up.done',
  'referral.external',
  'referral.external-accepted',
  'referral.external-declined',
  'referral.external-completed',
  'referral.external-revoked',
] as const;
export type TimelineRecord = (typeof TIMELINE_RECORDS)[number];
