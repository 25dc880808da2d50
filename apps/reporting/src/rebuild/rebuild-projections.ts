import { Injectable } from '@nestjs/common';
import {
  CaseRegistered,
  FirstResponseOverdue,
  FirstResponseRecorded,
  ReferralStatusChanged,
  ServiceRecorded,
  ServiceRecordedByIntake,
  StatisticsConsentGiven,
  StatisticsConsentWithdrawn,
  UptdFunctionRecorded,
  type CaseRegisteredV1,
  type FirstResponseOverdueV1,
  type FirstResponseRecordedV1,
  type ReferralStatusChangedV1,
  type ServiceRecordedV1,
  type StatisticsConsentGivenV1,
  type StatisticsConsentWithdrawnV1,
  type UptdFunctionRecordedV1,
} from '@rujukan/contracts';
import { bulkProjection, type BulkProjection } from '@rujukan/messaging';
import { ChangeStatisticsConsentService } from '../change-statistics-consent/change-statistics-consent.service.js';
import { CountCasesService } from '../count-cases/count-cases.service.js';
import { CountReferralsService } from '../count-referrals/count-referrals.service.js';
import { CountServicesService, serviceProblem } from '../count-services/count-services.service.js';
import { CountTriageService } from '../count-triage/count-triage.service.js';
import { CountUptdFunctionsService, functionProblem } from '../count-uptd-functions/count-uptd-functions.service.js';

/** Keys, or undefined when one repeats (the event then goes through its live handler, alone). */
const distinct = (keys: string[]): string[] | undefined => (new Set(keys).size === keys.length ? keys : undefined);
/** A consent change is never refused; it touches her rows only. */
const consentChange = {
  rejection: () => undefined,
  keys: (e: { payload: { victimId: string } }) => [`victim:${e.payload.victimId}`],
};

/**
 * What `projections rebuild` applies many at a time: each event handler of
 * this node as a bulk projection over the same services, with the handler's
 * own refusals (and their words), so the rebuild gives the rows and dead
 * letters live delivery gives.
 */
@Injectable()
export class RebuildProjections {
  constructor(
    private readonly cases: CountCasesService,
    private readonly consent: ChangeStatisticsConsentService,
    private readonly referrals: CountReferralsService,
    private readonly triage: CountTriageService,
    private readonly services: CountServicesService,
    private readonly functions: CountUptdFunctionsService,
  ) {}

  all(): BulkProjection[] {
    return [
      bulkProjection<CaseRegisteredV1>(CaseRegistered, {
        rejection: (e) => (e.caseId ? undefined : 'case.registered without caseId'),
        keys: (e) => distinct([`case:${e.caseId}`, ...e.payload.victims.map((v) => `victim:${v.victimId}`)]),
        apply: (tx, events) =>
          this.cases.countCases(
            tx,
            events.map((e) => ({ caseId: e.caseId!, sourceAgency: e.source.agency, payload: e.payload })),
          ),
      }),
      bulkProjection<StatisticsConsentGivenV1>(StatisticsConsentGiven, {
        ...consentChange,
        apply: (tx, events) =>
          this.consent.changeConsents(
            tx,
            events.map((e) => ({ victimId: e.payload.victimId, consented: true, sequence: e.payload.sequence })),
          ),
      }),
      bulkProjection<StatisticsConsentWithdrawnV1>(StatisticsConsentWithdrawn, {
        ...consentChange,
        apply: (tx, events) =>
          this.consent.changeConsents(
            tx,
            events.map((e) => ({ victimId: e.payload.victimId, consented: false, sequence: e.payload.sequence })),
          ),
      }),
      bulkProjection<ReferralStatusChangedV1>(ReferralStatusChanged, {
        rejection: () => undefined,
        keys: (e) => [`referral:${e.payload.referralId}`],
        apply: (tx, events) =>
          this.referrals.countStatuses(
            tx,
            events.map((e) => ({ caseId: e.caseId ?? null, occurredAt: new Date(e.occurredAt), payload: e.payload })),
          ),
      }),
      bulkProjection<FirstResponseOverdueV1>(FirstResponseOverdue, {
        rejection: (e) => (e.caseId ? undefined : 'case.first-response-overdue without caseId'),
        keys: (e) => [`triage:${e.caseId}`],
        apply: (tx, events) =>
          this.triage.countOverdues(
            tx,
            events.map((e) => ({ caseId: e.caseId!, riskLevel: e.payload.riskLevel })),
          ),
      }),
      bulkProjection<FirstResponseRecordedV1>(FirstResponseRecorded, {
        rejection: (e) => (e.caseId ? undefined : 'case.first-response-recorded without caseId'),
        keys: (e) => [`first-response:${e.caseId}`],
        apply: (tx, events) =>
          this.triage.countFirstResponses(
            tx,
            events.map((e) => ({ caseId: e.caseId!, riskLevel: e.payload.riskLevel, withinDeadline: e.payload.withinDeadline })),
          ),
      }),
      bulkProjection<ServiceRecordedV1>(ServiceRecorded, {
        rejection: (e) => (e.caseId ? serviceProblem(e.source, e.payload) : 'a service record names its (pseudonymous) case'),
        keys: (e) => [`service:${e.payload.recordId}`],
        apply: (tx, events) =>
          this.services.countServices(
            tx,
            events.map((e) => ({ caseId: e.caseId!, payload: e.payload })),
          ),
      }),
      bulkProjection<ServiceRecordedV1>(ServiceRecordedByIntake, {
        rejection: (e) => (e.caseId ? this.services.relayedProblem(e.payload) : 'a service record names its (pseudonymous) case'),
        keys: (e) => [`service:${e.payload.recordId}`],
        apply: (tx, events) =>
          this.services.countServices(
            tx,
            events.map((e) => ({ caseId: e.caseId!, payload: e.payload })),
          ),
      }),
      bulkProjection<UptdFunctionRecordedV1>(UptdFunctionRecorded, {
        rejection: (e) => functionProblem(e.payload) ?? undefined,
        keys: (e) => [`function:${e.payload.recordId}`],
        apply: (tx, events) =>
          this.functions.countMany(
            tx,
            events.map((e) => ({ source: e.source, payload: e.payload })),
          ),
      }),
    ];
  }
}
