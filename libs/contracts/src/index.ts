import 'reflect-metadata';
export {
  BROADCAST,
  broadcastFilter,
  buildSubject,
  inboxFilter,
  parseSubject,
  PREFIX_PATTERN,
  publishFilter,
  TOKEN_PATTERN,
} from './subjects.js';
export type { SubjectParts } from './subjects.js';
export { EventEnvelope, EventSource, SPEC_VERSION } from './envelope.js';
export { ANY_ROLE, defineEvent, findContract, senderRoleProblem } from './define-event.js';
export type { EventContract, PayloadClass, RegisteredSender } from './define-event.js';
export { DeliveryReceived, DeliveryReceivedV1 } from './delivery.events.js';
export { advanceState } from './state-order.js';
export type { StateRanks } from './state-order.js';
export { REFERRAL_STATE_RANK, REFERRAL_STATES } from './referral-state.js';
export type { ReferralState } from './referral-state.js';
export {
  ACTIVITY_OUTCOMES,
  AGE_BANDS,
  AGENCY_ROLES,
  ageBand,
  ageOn,
  CASE_KINDS,
  COMPLAINT_CHANNELS,
  CONSENT_FORMS,
  CONSENT_PURPOSES,
  DECLINE_REASON_CODES,
  EXTERNAL_AGENCY,
  declineReasonCode,
  LEGACY_DECLINE_REASONS,
  legacyDeclineReason,
  ACCOMPANIMENT_DESTINATIONS,
  DISABILITIES,
  EDUCATION_LEVELS,
  EXPLOITATION_TYPES,
  MEDIATION_OUTCOMES,
  MEDIATION_PARTIES,
  OCCUPATIONS,
  OUTREACH_OUTCOMES,
  UPTD_FUNCTIONS,
  INCIDENT_PLACES,
  PERPETRATOR_RELATIONS,
  REPORTER_RELATIONS,
  RISK_LEVELS,
  SERVICE_ACTIVITIES,
  SERVICE_ACTIVITY_NAMES,
  SERVICE_PROVIDERS,
  SERVICE_ROLES,
  SERVICE_TYPES,
  SEXES,
  SPM_INDICATORS,
  STAFF_ROLES,
  TIMELINE_RECORDS,
  TRAFFICKING_STAGES,
  VIOLENCE_TYPES,
} from './domain/vocabulary.js';
export type {
  ActivityOutcome,
  AgencyRole,
  AgeBand,
  CaseKind,
  ComplaintChannel,
  ConsentForm,
  ConsentPurpose,
  DeclineReasonCode,
  LegacyDeclineReason,
  AccompanimentDestination,
  Disability,
  EducationLevel,
  ExploitationType,
  MediationOutcome,
  MediationParty,
  Occupation,
  OutreachOutcome,
  UptdFunction,
  IncidentPlace,
  PerpetratorRelation,
  ReporterRelation,
  RiskLevel,
  ServiceActivity,
  ServiceType,
  Sex,
  SpmIndicator,
  StaffRole,
  TimelineRecord,
  TraffickingStage,
  ViolenceType,
} from './domain/vocabulary.js';
export { DICTIONARY, HIDDEN_MARK, LABELS_ID, LANGUAGES } from './domain/labels.js';
export type { Dictionary, Language } from './domain/labels.js';
export {
  ActorV1,
  ReferralAccepted,
  ReferralCompleted,
  ReferralCompletedV1,
  ReferralDeclined,
  ReferralDeclinedV1,
  ReferralRefV1,
  ReferralRequested,
  ReferralRequestedV1,
  ReferralRevoked,
  ReferralRevokedV1,
  ReferredPerson,
  StatisticsIdsV1,
} from './events/referral.events.js';
export type { ReferredPersonField } from './events/referral.events.js';
export { REFERRAL_FIELDS, referredPersonFor } from './events/referral-fields.js';
export {
  CaseRegistered,
  UptdFunctionRecorded,
  UptdFunctionRecordedV1,
  CaseRegisteredV1,
  CountedPerpetrator,
  CountedVictim,
  FirstResponseOverdue,
  FirstResponseOverdueV1,
  FirstResponseRecorded,
  FirstResponseRecordedV1,
  ReferralStatusChanged,
  ReferralStatusChangedV1,
  StatisticsConsentGiven,
  StatisticsConsentGivenV1,
  StatisticsConsentWithdrawn,
  StatisticsConsentWithdrawnV1,
} from './events/statistics.events.js';
export {
  CaseHandoverAccepted,
  CaseHandoverAnsweredV1,
  CaseHandoverDeclined,
  CaseHandoverDeclinedV1,
  CaseHandoverRequested,
  CaseHandoverRequestedV1,
  HandedOverConsent,
  HandedOverIncident,
  HandedOverPerpetrator,
  HandedOverReferral,
  HandedOverReporter,
  HandedOverStage,
  HandedOverVictim,
} from './events/handover.events.js';
export {
  ServiceProvided,
  ServiceProvidedV1,
  ServiceRecorded,
  ServiceRecordedByIntake,
  ServiceRecordedV1,
  ServiceRecordedV2,
} from './events/service.events.js';
export {
  ERASURE_OUTCOMES,
  ErasureAnswered,
  ErasureAnsweredV1,
  ErasureOfHandOverAnswered,
  ErasureOfHandOverRequested,
  ErasureRequested,
  ErasureRequestedV1,
} from './events/erasure.events.js';
export type { ErasureOutcome } from './events/erasure.events.js';
export {
  VISUM_DECLINE_REASONS,
  VISUM_KINDS,
  VisumDeclined,
  VisumDeclinedV1,
  VisumIssued,
  VisumIssuedV1,
  VisumRequested,
  VisumRequestedV1,
} from './events/visum.events.js';
export type { VisumDeclineReason, VisumKind } from './events/visum.events.js';
export { dayIn, monthIn, yearIn } from './domain/calendar.js';
export { missingNestedObjects } from './missing-nested.js';
export { ConfigError } from './config/config-error.js';
export { collectConfig, flag, number, oneOf, optionalText, readConfig, section, setting, text } from './config/read-config.js';
export type { ConfigOf, ConfigSchema, Env, Setting } from './config/read-config.js';
export { describeContracts, describeFields } from './compatibility/describe-contracts.js';
export type { ContractDescription, ContractsSnapshot, FieldDescription } from './compatibility/describe-contracts.js';
export { breakingChanges } from './compatibility/compatibility.js';
export { latestRelease, RELEASED_DIR } from './compatibility/released.js';
