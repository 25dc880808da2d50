export { ServiceNodeModule, type ServiceNodeOptions } from './service-node.module.js';
export { IncomingReferral } from './referral-inbox/incoming-referral.entity.js';
export {
  ReferralAssignee1763900000300,
  ReferralDeclineCode1763900000727,
  ReferralInbox1763900000100,
  ReferralStatisticsForgotten1763900000800,
  ReferralStatisticsIds1763900000400,
} from './referral-inbox/referral-inbox.migration.js';
export { ReferralInboxModule, type ReferralInboxOptions } from './referral-inbox/referral-inbox.module.js';
export { actorOf, ReferralInboxService } from './referral-inbox/referral-inbox.service.js';
export { REFERRAL_STAFF } from './referral-inbox/referral-staff.js';
export { assertHolder, holderOwnership, ownedThroughReferral, referralOwnership } from './referral-inbox/referral-ownership.js';
export { ReceiveReferralService } from './receive-referral/receive-referral.service.js';
export { ReferralsForStaffQuery } from './queries/referrals-for-staff.query.js';
export { ReferralLookupQuery } from './queries/referral-lookup.query.js';
export { SERVICE_NODE_SETTINGS, type ServiceNodeSettings } from './service-records/service-node.settings.js';
export { ServiceRecorder } from './service-records/service-recorder.js';
export { checkServiceDay, DAY, dayAsDate, notInFuture, serviceDayProblem } from './service-records/service-day.js';
export { acceptedReferral } from './service-records/under-referral.js';
export { ServiceCompletionBody } from './complete-referral/service-completion.dto.js';
export { VISUM_STATES, VisumExchangeColumns, type VisumState } from './visum/visum-exchange.columns.js';
export { ErasureOnward } from './erase-victim/erasure-onward.js';
export type { OnwardRecipients } from './erase-victim/erasure-onward.js';
export { ReferralSealedColumns, SEALED_RECORDS, type SealedRecords } from './referral-inbox/sealed-referral.js';
